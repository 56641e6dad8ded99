package io.granary.api.cli.admin;

import io.granary.api.heal.JobProgress;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Starting a background pass ({@code heal}, {@code scrub}) and, with {@code --wait}, following it to the
 * end: a live bar on a terminal, plain lines otherwise; exit 0 only for a clean pass. Without
 * {@code --wait} it prints the pass's state and returns at once.
 */
abstract class PassCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    private AdminCommand admin;

    @Option(names = "--wait", description = "Follow the pass until it ends; exit 0 only if it ends clean.")
    private boolean await;

    /** The pass's name in the admin API. */
    abstract String pass();

    /** The node the pass is limited to, or null. */
    abstract String node();

    AdminCommand admin() {
        return admin;
    }

    @Override
    public Integer call() throws InterruptedException {
        return admin.run(spec.commandLine(), (client, out, err) -> {
            JobProgress started = AdminCommand.progress(client, client.post(pass(), AdminCommand.query("node",
                    node())));
            if (!await) {
                out.println(ProgressView.line(started));
                return 0;
            }
            return PassWatcher.follow(client, pass(), started, out, err);
        });
    }
}
