package io.granary.api.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code granary data-node}. */
@Command(name = "data-node", mixinStandardHelpOptions = true,
        description = "Run a data node serving shard storage over signed internal HTTP.")
public final class DataNodeCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Unmatched
    private List<String> arguments;

    @Override
    public Integer call() {
        return NotBuiltYet.report(spec, "issue #6, data nodes");
    }
}
