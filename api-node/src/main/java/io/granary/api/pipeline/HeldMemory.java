package io.granary.api.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the transfers in progress of one kind hold in memory, in total and the most any one of them has
 * held since start; the second is the bound the path promises (issue 14). Uploads count stripes (body
 * bytes received and not yet written to every live shard, plus the stripe being filled; at most 8 per
 * upload), GETs count shard bytes (frames queued in shard cursors and stripes read ahead; a few stripes'
 * worth per GET, however slow the client). Both are exported as gauges. Thread-safe.
 */
public final class HeldMemory {
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong highWater = new AtomicLong();

    /** One transfer's count went from {@code before} to {@code after}. */
    void changed(long before, long after) {
        if (before == after) return;
        held.addAndGet(after - before);
        highWater.accumulateAndGet(after, Math::max);
    }

    /** Held by all transfers in progress. */
    public long held() {
        return held.get();
    }

    /** The most one transfer has held at once since start. */
    public long mostByOne() {
        return highWater.get();
    }
}
