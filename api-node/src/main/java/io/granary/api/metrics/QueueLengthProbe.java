package io.granary.api.metrics;

import io.granary.api.async.AsyncMetadata;
import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps {@code granary_heal_queue_length} and {@code granary_garbage_queue_length} current. Counting a queue
 * scans RocksDB, so it runs on the
 * metadata pool, never on an event loop, and only when asked (the metrics endpoint asks before each
 * scrape): an idle node does no counting. Concurrent scrapes share one count in flight.
 */
public final class QueueLengthProbe {
    private final AsyncMetadata metadata;
    private final GranaryMetrics metrics;
    private final AtomicReference<Future<Void>> inFlight = new AtomicReference<>();

    public QueueLengthProbe(AsyncMetadata metadata, GranaryMetrics metrics) {
        this.metadata = metadata;
        this.metrics = metrics;
    }

    /** Counts both queues and publishes the counts; the future fails if the store could not be read. */
    public Future<Void> refresh() {
        Future<Void> running = inFlight.get();
        if (running != null) return running;
        Future<Void> count = metadata.call(store -> {
            metrics.healQueueLength(store.healQueue().length());
            metrics.garbageQueueLength(store.garbageQueue().length());
            return null;
        });
        if (!inFlight.compareAndSet(null, count)) return inFlight.get();
        return count.onComplete(done -> inFlight.compareAndSet(count, null));
    }
}
