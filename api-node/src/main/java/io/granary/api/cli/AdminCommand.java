package io.granary.api.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code granary admin}. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Administer a running cluster: status, heal, scrub, drill.")
public final class AdminCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Unmatched
    private List<String> arguments;

    @Override
    public Integer call() {
        return NotBuiltYet.report(spec, "issue #9, node failure and recovery");
    }
}
