package io.granary.api.cli.admin;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code granary admin orphans}: sweeps every data node for unreferenced shard files now. */
@Command(name = "orphans", mixinStandardHelpOptions = true,
        description = "Delete shard files no object references (older than the server's --orphan-grace) now.")
public final class OrphansCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    private AdminCommand admin;

    @Override
    public Integer call() throws InterruptedException {
        return admin.run(spec.commandLine(), (client, out, err) -> {
            long deleted = client.post("orphans", Map.of()).path("deleted").asLong();
            out.println("deleted " + deleted + " orphan shard file(s)");
            return 0;
        });
    }
}
