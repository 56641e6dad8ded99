package io.granary.api.cli;

import picocli.CommandLine;

/** Exit code and message of a role whose implementation has not landed yet. */
final class NotBuiltYet {
    static final int EXIT_CODE = 3;

    private NotBuiltYet() {
    }

    static int report(CommandLine.Model.CommandSpec spec, String issue) {
        spec.commandLine().getErr().println("granary " + spec.name() + ": this role is not built yet ("
                + issue + "). Run 'bin/granary --help' for the roles available.");
        return EXIT_CODE;
    }
}
