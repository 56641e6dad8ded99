package io.granary.api.pipeline;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many stripes the uploads in progress hold in memory (body bytes received and not yet written to
 * every live shard, counted in stripes, plus the stripe each upload is filling), in total and the most
 * any one upload has held since start. The second is the bound the write path promises (issue 14: at
 * most 8 stripes per upload, whatever its size); both are exported as gauges. Thread-safe.
 */
public final class WriteMemory {
    private final AtomicLong buffered = new AtomicLong();
    private final AtomicInteger highWater = new AtomicInteger();

    /** One upload's count went from {@code before} to {@code after}. */
    void changed(int before, int after) {
        if (before == after) return;
        buffered.addAndGet(after - before);
        highWater.accumulateAndGet(after, Math::max);
    }

    /** Stripes held by all uploads in progress. */
    public long buffered() {
        return buffered.get();
    }

    /** The most stripes one upload has held at once since start. */
    public int highWaterPerUpload() {
        return highWater.get();
    }
}
