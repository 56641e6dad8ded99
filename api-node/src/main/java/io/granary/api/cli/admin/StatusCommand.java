package io.granary.api.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code granary admin status}: nodes, objects, heal queue and passes, as a table or as the raw JSON. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the data nodes, object counts, heal queue and heal/scrub/lifecycle state.")
public final class StatusCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    private AdminCommand admin;

    @Option(names = "--json", description = "Print the admin API's JSON answer as it is.")
    private boolean json;

    @Override
    public Integer call() throws InterruptedException {
        return admin.run(spec.commandLine(), (client, out, err) -> {
            JsonNode status = client.get("status", Map.of());
            out.println(json ? status.toString() : table(status));
            return 0;
        });
    }

    /** The human view of a status answer. */
    static String table(JsonNode status) {
        StringBuilder out = new StringBuilder();
        String row = "%-10s %-16s %12s %12s %10s  %s%n";
        out.append(String.format(Locale.ROOT, row, "NODE", "STATE", "USED", "FREE", "SHARDS", "ENDPOINT"));
        for (JsonNode node : status.path("nodes")) {
            String state = node.path("state").asText() + (node.path("retired").asBoolean() ? ",RETIRED" : "")
                    + (node.path("full").asBoolean() ? ",FULL" : "");
            out.append(String.format(Locale.ROOT, row, node.path("id").asText(), state,
                    bytes(node.path("usedBytes")), bytes(node.path("freeBytes")), count(node.path("shardCount")),
                    node.path("endpoint").asText("-")));
        }
        out.append(segments(status.path("nodes")));
        JsonNode objects = status.path("objects");
        out.append(String.format(Locale.ROOT, "%nobjects:    %d total, %d degraded%n", objects.path("total").asLong(),
                objects.path("degraded").asLong()));
        out.append(String.format(Locale.ROOT, "heal queue: %d shards%n", status.path("healQueue").asLong()));
        out.append(String.format(Locale.ROOT, "garbage:    %d shard sets to delete%n",
                status.path("garbageQueue").asLong()));
        out.append("heal:       ").append(pass(status.path("heal"))).append(System.lineSeparator());
        out.append("scrub:      ").append(pass(status.path("scrub"))).append(System.lineSeparator());
        out.append("lifecycle:  ").append(lifecycle(status.path("lifecycle")));
        return out.toString();
    }

    /** One line per node with a segment volume: files, live and dead bytes, compaction progress. */
    private static String segments(JsonNode nodes) {
        StringBuilder out = new StringBuilder();
        for (JsonNode node : nodes) {
            JsonNode s = node.path("segments");
            if (s.path("segments").asLong() == 0) continue;
            out.append(String.format(Locale.ROOT, "%nsegments %-10s %d files, %s live, %s dead, compaction %s, %s "
                            + "compacted, %d migrated", node.path("id").asText(), s.path("segments").asLong(),
                    bytes(s.path("liveBytes")), bytes(s.path("deadBytes")),
                    s.path("compacting").asBoolean() ? "running" : "idle", bytes(s.path("compactedBytes")),
                    s.path("migratedShards").asLong()));
        }
        return out.length() == 0 ? "" : out.append(System.lineSeparator()).toString();
    }

    private static String lifecycle(JsonNode lifecycle) {
        String state = lifecycle.path("running").asBoolean() ? "running" + (lifecycle.hasNonNull("bucket")
                ? " (bucket " + lifecycle.path("bucket").asText() + ")" : "") : "idle";
        return state + ", " + lifecycle.path("passesCompleted").asLong() + " passes done; last: "
                + lifecycle.path("versionsScanned").asLong() + " versions scanned, "
                + lifecycle.path("expired").asLong() + " expired, "
                + lifecycle.path("noncurrentRemoved").asLong() + " noncurrent removed, "
                + lifecycle.path("markersRemoved").asLong() + " markers removed, "
                + lifecycle.path("uploadsAborted").asLong() + " uploads aborted, "
                + lifecycle.path("lockedKept").asLong() + " kept by object lock";
    }

    private static String pass(JsonNode pass) {
        String state = pass.path("state").asText("IDLE");
        if (state.equals("IDLE")) return "idle";
        String line = state.toLowerCase(Locale.ROOT) + ", " + pass.path("objectsScanned").asLong() + "/"
                + pass.path("objectsTotal").asLong() + " objects, " + pass.path("shardsBad").asLong() + " bad, "
                + pass.path("shardsRepaired").asLong() + " repaired, " + pass.path("shardsFailed").asLong()
                + " failed";
        return pass.hasNonNull("node") ? line + " (node " + pass.path("node").asText() + ")" : line;
    }

    private static String bytes(JsonNode value) {
        if (value.isNull() || value.isMissingNode()) return "-";
        double v = value.asDouble();
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int unit = 0;
        while (v >= 1024 && unit < units.length - 1) {
            v /= 1024;
            unit++;
        }
        return unit == 0 ? String.format(Locale.ROOT, "%.0f B", v) : String.format(Locale.ROOT, "%.1f %s", v,
                units[unit]);
    }

    private static String count(JsonNode value) {
        return value.isNull() || value.isMissingNode() ? "-" : value.asText();
    }
}
