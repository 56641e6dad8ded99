package io.granary.api.it.soak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Latencies and failures of one operation kind across all clients. Thread-safe. */
final class OpStats {
    private static final int KEPT_ERRORS = 5;

    private final String name;
    private long[] micros = new long[1024];
    private int count;
    private long errors;
    private final List<String> firstErrors = new ArrayList<>();

    OpStats(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    synchronized void ok(long startNanos) {
        if (count == micros.length) micros = Arrays.copyOf(micros, count * 2);
        micros[count++] = (System.nanoTime() - startNanos) / 1000;
    }

    synchronized void failed(String what) {
        errors++;
        if (firstErrors.size() < KEPT_ERRORS) firstErrors.add(what);
    }

    synchronized long count() {
        return count;
    }

    synchronized long errors() {
        return errors;
    }

    synchronized List<String> firstErrors() {
        return List.copyOf(firstErrors);
    }

    /** The latency at quantile {@code q} in milliseconds, NaN before any success. */
    synchronized double millisAt(double q) {
        if (count == 0) return Double.NaN;
        long[] sorted = Arrays.copyOf(micros, count);
        Arrays.sort(sorted);
        return sorted[Math.min(count - 1, (int) (q * count))] / 1000.0;
    }
}
