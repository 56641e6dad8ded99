package io.granary.api.cli.admin;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code granary admin lifecycle status|run}: the lifecycle worker's state as JSON, or a pass now. */
@Command(name = "lifecycle", mixinStandardHelpOptions = true,
        description = "status: the lifecycle worker's state as JSON; run: apply every bucket's rules now and print "
                + "what the pass did.")
public final class LifecycleCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    private AdminCommand admin;

    @Parameters(index = "0", paramLabel = "status|run", description = "status or run")
    private String action;

    @Override
    public Integer call() throws InterruptedException {
        if (!action.equals("status") && !action.equals("run")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "expected status or run, got " + action);
        }
        return admin.run(spec.commandLine(), (client, out, err) -> {
            out.println((action.equals("run") ? client.post("lifecycle", Map.of())
                    : client.get("lifecycle", Map.of())).toString());
            return 0;
        });
    }
}
