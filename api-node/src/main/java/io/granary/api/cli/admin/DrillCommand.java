package io.granary.api.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code granary admin drill [--sample N] [--nodes A,B]}: the recovery drill. Prints one line per object
 * as the server reports it, then the totals; exits 0 only if every object read back correct.
 */
@Command(name = "drill", mixinStandardHelpOptions = true,
        description = "Read back every object (or a sample) with two data nodes treated as down, verifying "
                + "checksums; by default the pair rotates through every pair of nodes.")
public final class DrillCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    private AdminCommand admin;

    @Option(names = "--sample", paramLabel = "N", description = "Read a uniform random sample of N objects.")
    private Integer sample;

    @Option(names = "--nodes", paramLabel = "A,B", description = "Treat this pair of nodes as down for every "
            + "object (e.g. node-2,node-5).")
    private String nodes;

    @Override
    public Integer call() throws InterruptedException {
        return admin.run(spec.commandLine(), (client, out, err) -> {
            Map<String, String> query = new LinkedHashMap<>();
            if (sample != null) query.put("sample", String.valueOf(sample));
            if (nodes != null) query.put("nodes", nodes);
            List<JsonNode> summary = new ArrayList<>();
            client.postLines("drill", query, line -> {
                if (line.has("summary")) {
                    summary.add(line.path("summary"));
                } else {
                    out.println(objectLine(line));
                    out.flush();
                }
            });
            if (summary.isEmpty()) throw new AdminCliException("the drill ended without a summary (cut off?)");
            return total(summary.get(0), out, err);
        });
    }

    /** {@code ok    bucket/key (123 bytes) with node-2,node-5 down} or {@code FAILED ... : why}. */
    static String objectLine(JsonNode line) {
        List<String> down = new ArrayList<>();
        line.path("down").forEach(node -> down.add(node.asText()));
        String text = line.path("bucket").asText() + "/" + line.path("key").asText() + " ("
                + line.path("size").asLong() + " bytes) with " + String.join(",", down) + " down";
        return line.path("ok").asBoolean() ? "ok     " + text : "FAILED " + text + ": " + line.path("error").asText();
    }

    private static int total(JsonNode summary, PrintWriter out, PrintWriter err) {
        long failed = summary.path("failed").asLong();
        String text = "drill: " + summary.path("objects").asLong() + " objects, " + summary.path("ok").asLong()
                + " ok, " + failed + " failed, " + summary.path("bytes").asLong() + " bytes verified in "
                + summary.path("seconds").asDouble() + "s over " + summary.path("pairs").asInt() + " node pairs";
        (failed == 0 ? out : err).println(text);
        return failed == 0 ? 0 : 1;
    }
}
