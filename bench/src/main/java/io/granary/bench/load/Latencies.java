package io.granary.bench.load;

import io.vertx.core.Future;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Request latencies of one run in microseconds, recorded from any event-loop thread into an HdrHistogram
 * {@link Recorder} (wait-free, auto-resizing, three significant digits). {@link #NONE} times nothing and is what
 * preparation steps use, so uploads that only set a run up never reach the figures.
 */
final class Latencies {
    static final Latencies NONE = new Latencies(null);

    private final Recorder recorder;

    private Latencies(Recorder recorder) {
        this.recorder = recorder;
    }

    static Latencies recording() {
        return new Latencies(new Recorder(3));
    }

    /** Starts the request and records its latency when it succeeds. */
    <T> Future<T> time(Supplier<Future<T>> request) {
        if (recorder == null) return request.get();
        long start = System.nanoTime();
        return request.get().onSuccess(v -> recorder.recordValue(Math.max(1, (System.nanoTime() - start) / 1000)));
    }

    /** Everything recorded since the previous call (or since creation), which it forgets. */
    Histogram takeInterval() {
        return recorder == null ? new Histogram(3) : recorder.getIntervalHistogram();
    }
}
