package io.granary.api.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code granary api-node}. */
@Command(name = "api-node", mixinStandardHelpOptions = true,
        description = "Run an S3 API node in front of remote data nodes.")
public final class ApiNodeCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Unmatched
    private List<String> arguments;

    @Override
    public Integer call() {
        return NotBuiltYet.report(spec, "issue #7, the S3 API node");
    }
}
