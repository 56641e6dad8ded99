package io.granary.api.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many shard bytes the GETs in progress hold in memory (received from data nodes and not yet handed
 * to the response: frames queued in shard cursors and stripes read ahead), in total and the most any one
 * GET has held since start. The second is the read-ahead's bound (a few stripes per GET, however slow the
 * client); both are exported as gauges. Thread-safe.
 */
public final class ReadMemory {
    private final AtomicLong buffered = new AtomicLong();
    private final AtomicLong highWater = new AtomicLong();

    /** One GET's count went from {@code before} to {@code after}. */
    void changed(long before, long after) {
        if (before == after) return;
        buffered.addAndGet(after - before);
        highWater.accumulateAndGet(after, Math::max);
    }

    /** Bytes held by all GETs in progress. */
    public long buffered() {
        return buffered.get();
    }

    /** The most bytes one GET has held at once since start. */
    public long highWaterPerRead() {
        return highWater.get();
    }
}
