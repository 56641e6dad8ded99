package io.granary.api.cli.admin;

import io.granary.api.heal.JobProgress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code granary admin node ...}: data node maintenance. */
@Command(name = "node", mixinStandardHelpOptions = true, subcommands = NodeCommand.Replace.class,
        description = "Data node maintenance.")
public final class NodeCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    private AdminCommand admin;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return AdminCommand.USAGE_EXIT;
    }

    /**
     * {@code node replace OLD --with URL [--wait]}: retires a node; its shards are rebuilt onto the new
     * one by a heal the server starts, which {@code --wait} follows like {@code heal --wait}.
     */
    @Command(name = "replace", mixinStandardHelpOptions = true,
            description = "Replace data node OLD by the data node at URL and heal its shards onto it.")
    public static final class Replace implements Callable<Integer> {

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @CommandLine.ParentCommand
        private NodeCommand node;

        @Parameters(index = "0", paramLabel = "OLD", description = "The node to retire, e.g. node-3.")
        private String old;

        @Option(names = "--with", required = true, paramLabel = "URL", description = "The new data node's URL.")
        private String with;

        @Option(names = "--wait", description = "Follow the heal until it ends; exit 0 only if it ends clean.")
        private boolean await;

        @Override
        public Integer call() throws InterruptedException {
            return node.admin.run(spec.commandLine(), (client, out, err) -> {
                Map<String, String> query = new LinkedHashMap<>();
                query.put("old", old);
                query.put("with", with);
                var answer = client.post("nodes/replace", query);
                JobProgress heal = AdminCommand.progress(client, answer.path("heal"));
                out.println(answer.path("old").asText() + " replaced by " + answer.path("new").asText() + "; "
                        + ProgressView.line(heal));
                if (!await) return 0;
                return PassWatcher.follow(client, "heal", heal, out, err);
            });
        }
    }
}
