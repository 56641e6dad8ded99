package io.granary.api.cli.admin;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code granary admin heal status} / {@code scrub status}: the pass's progress as JSON. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Print the pass's progress as JSON.")
public final class PassStatusCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    private PassCommand pass;

    @Override
    public Integer call() throws InterruptedException {
        return pass.admin().run(spec.commandLine(), (client, out, err) -> {
            out.println(client.get(pass.pass(), Map.of()).toString());
            return 0;
        });
    }
}
