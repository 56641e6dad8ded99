package io.granary.api.cli.admin;

import io.granary.api.heal.JobProgress;
import java.util.Locale;

/**
 * How the CLI shows a background pass while it waits for it: a live bar on a terminal
 * ({@link TerminalProgress}), plain lines otherwise ({@link PlainProgress}). Also the one place
 * that words a pass's figures, so the bar, the lines and the final verdict read alike.
 */
interface ProgressView extends AutoCloseable {

    /** Shows the latest poll. */
    void show(JobProgress progress);

    @Override
    void close();

    /** Shards rebuilt, bytes, rate and ETA, e.g. {@code 45 shards rebuilt, 180.0 MiB, 95.3 MiB/s, ETA 12s}. */
    static String figures(JobProgress p) {
        String shards = switch (p.kind()) {
            case "heal" -> p.shardsRepaired() + " shards rebuilt";
            case "rotate-master" -> p.shardsRepaired() + " data keys re-wrapped";
            default -> p.shardsBad() + " bad shards found";
        };
        String eta = p.etaSeconds() < 0 ? "" : ", ETA " + p.etaSeconds() + "s";
        return shards + ", " + mib(p.bytes()) + " MiB, " + mib((long) p.bytesPerSecond()) + " MiB/s" + eta;
    }

    /** The full one-line state: {@code heal RUNNING: 120/1000 objects, 45 shards rebuilt, ...}. */
    static String line(JobProgress p) {
        return p.kind() + " " + p.state() + ": " + p.objectsScanned() + "/" + p.objectsTotal() + " objects, "
                + figures(p);
    }

    /** The last line once the pass stopped running, and whether it is a success. */
    static String verdict(JobProgress p) {
        return switch (p.state()) {
            case DONE -> p.shardsFailed() == 0 ? p.kind() + " done: " + summary(p)
                    : p.kind() + " finished, but " + p.shardsFailed() + " shards failed: " + summary(p);
            case FAILED -> p.kind() + " failed: " + (p.error() == null ? "no reason given" : p.error());
            case IDLE -> p.kind() + " is not running: the server did not start it";
            case RUNNING -> p.kind() + " is still running: " + summary(p);
        };
    }

    private static String summary(JobProgress p) {
        double seconds = Math.max(0, p.finishedMillis() - p.startedMillis()) / 1000.0;
        return p.objectsScanned() + " objects scanned, " + figures(p) + String.format(Locale.ROOT, " in %.1fs",
                seconds);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}
