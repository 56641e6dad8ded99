package io.granary.api.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code granary server}. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run the embedded server: S3 API node and six data nodes in one process.")
public final class ServerCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Unmatched
    private List<String> arguments;

    @Override
    public Integer call() {
        return NotBuiltYet.report(spec, "issue #7, the S3 API node");
    }
}
