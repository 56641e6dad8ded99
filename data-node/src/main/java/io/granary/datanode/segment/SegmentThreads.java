package io.granary.datanode.segment;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon threads that run appender drains and compaction passes. Not a Vert.x worker pool: a task
 * there can be interrupted when the context that submitted it closes, and an interrupt inside a
 * {@code FileChannel} call closes the channel for every user of the segment (seen in SegmentShardsIT).
 * Threads idle for a minute go away; at most one drain per volume and one pass per compactor run at once.
 */
final class SegmentThreads {
    private static final AtomicInteger COUNT = new AtomicInteger();
    static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "granary-segment-" + COUNT.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private SegmentThreads() {
    }
}
