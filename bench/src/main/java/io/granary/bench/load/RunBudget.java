package io.granary.bench.load;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounds of one run: at most {@code maxOps} operations are started and none is started after the deadline;
 * whichever comes first ends the run once the operations in flight have finished. Hands out increasing
 * sequence numbers from {@code firstSeq}, which name the objects that uploads write, so that consecutive runs
 * (warm-up, then measurement) never write the same key. Thread-safe.
 */
final class RunBudget {
    private final long firstSeq;
    private final long maxOps;
    private final long deadlineNanos;
    private final AtomicLong issued = new AtomicLong();
    private final AtomicBoolean stopped = new AtomicBoolean();

    RunBudget(long firstSeq, long maxOps, double seconds) {
        this.firstSeq = firstSeq;
        this.maxOps = maxOps;
        this.deadlineNanos = System.nanoTime() + (long) (seconds * 1e9);
    }

    /** The sequence number of the next operation to start, or -1 when the run is over. */
    long next() {
        if (stopped.get() || System.nanoTime() - deadlineNanos >= 0) return -1;
        long seq = issued.getAndIncrement();
        return seq < maxOps ? firstSeq + seq : -1;
    }

    /** The first sequence number this budget has not handed out: where the next run should start. */
    long end() {
        return firstSeq + Math.min(issued.get(), maxOps);
    }

    /** Ends the run early (after a failure); operations in flight still finish. */
    void stop() {
        stopped.set(true);
    }
}
