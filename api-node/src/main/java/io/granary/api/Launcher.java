package io.granary.api;

import io.granary.api.cli.AdminCommand;
import io.granary.api.cli.ApiNodeCommand;
import io.granary.api.cli.ServerCommand;
import io.granary.api.cli.VersionCommand;
import io.granary.datanode.DataNodeMain;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code bin/granary}: one launcher for every role. */
@Command(name = "granary",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "S3-compatible object storage with 4+2 Reed-Solomon erasure coding.",
        subcommands = {ServerCommand.class, ApiNodeCommand.class, DataNodeMain.class, AdminCommand.class,
            VersionCommand.class, CommandLine.HelpCommand.class})
public final class Launcher implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code, without exiting (used by tests). */
    public static int execute(String... args) {
        return new CommandLine(new Launcher()).execute(args);
    }

    /** With no role named, print the usage and fail, so a mistyped script does not look like success. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing role: server, api-node, data-node, "
                + "admin or version");
    }
}
