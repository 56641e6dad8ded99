package io.granary.api.it.soak;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The outcome of one soak (the load ran for {@code loadTook}), and its table as the README shows it. */
record SoakReport(SoakSettings settings, Duration loadTook, List<OpStats> ops, long errors, long wrongBytes,
                  long wrongListings, long verified, long maxHeapBytes, long maxRssBytes, long openFilesAtStart,
                  long openFilesAtEnd,
                  FaultInjector.EmptiedHeal emptiedHeal, int kills, List<String> examples) {
    private static final double MIB = 1 << 20;

    /** Nothing failed or read wrong, and the API node's open files came back. */
    boolean clean() {
        return errors == 0 && wrongBytes == 0 && wrongListings == 0
                && openFilesAtEnd <= openFilesAtStart + Soak.OPEN_FILES_SLACK;
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d clients, %s, objects 4 KiB–%d MiB, a data node killed every %d s "
                        + "(%d kills), another emptied and healed%n%n", settings.clients(),
                spoken(loadTook), settings.maxObjectBytes() >> 20, settings.killEvery().toSeconds(),
                kills));
        out.append("| operation | count | errors | p50 ms | p99 ms |\n|---|---|---|---|---|\n");
        for (OpStats op : ops) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f |%n", op.name(), op.count(),
                    op.errors(), op.millisAt(0.50), op.millisAt(0.99)));
        }
        out.append(String.format(Locale.ROOT, "%n| | |%n|---|---|%n| errors | %d |%n| wrong bytes | %d |%n"
                        + "| wrong listings | %d |%n| objects verified at the end (two nodes down) | %d |%n"
                        + "| API node max heap used | %.0f MiB |%n| API node max RSS | %.0f MiB |%n"
                        + "| API node open files, start → end | %d → %d |%n"
                        + "| full heal of the emptied node | %.1f s, %d shards rebuilt, %d left to the final heal |%n",
                errors, wrongBytes, wrongListings, verified, maxHeapBytes / MIB, maxRssBytes / MIB,
                openFilesAtStart, openFilesAtEnd, emptiedHeal.took().toMillis() / 1000.0, emptiedHeal.rebuilt(),
                emptiedHeal.failed()));
        if (!examples.isEmpty()) out.append("\nFirst problems:\n");
        for (String example : examples) out.append("- ").append(example).append('\n');
        return out.toString();
    }

    private static String spoken(Duration duration) {
        return duration.toSeconds() >= 120
                ? String.format(Locale.ROOT, "%.1f min", duration.toSeconds() / 60.0) : duration.toSeconds() + " s";
    }
}
