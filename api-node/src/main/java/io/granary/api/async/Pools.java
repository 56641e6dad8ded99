package io.granary.api.async;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;

/**
 * The named worker pools every blocking call goes to, created once at startup (CONVENTIONS §6):
 * {@code granary-meta} for RocksDB, {@code granary-disk} for shard files and fsync,
 * {@code granary-codec} for hashing, encoding and decoding stripe-sized buffers of client requests, and
 * {@code granary-background} for the codec work of heal, so that a heal never queues client decodes
 * behind its own (a GET during heal is often degraded and decodes too). Calls are
 * unordered: Vert.x's default ordering would make one event loop's requests wait for each other,
 * so work that must stay in order (the stripes of one upload) chains its own futures.
 */
public final class Pools implements AutoCloseable {
    /**
     * A synced commit waits in fdatasync on a meta thread, and RocksDB's write group shares one sync among
     * the commits waiting at once, so the pool bounds the group: 4 threads (2 cores) let 4 commits share a
     * sync (0.46 syncs per commit), 16 let 16 (0.13; docs/read-ahead.md). Waiting costs no CPU.
     */
    static final int MIN_META_THREADS = 16;
    private final WorkerExecutor meta;
    private final WorkerExecutor disk;
    private final WorkerExecutor codec;
    private final WorkerExecutor background;

    public Pools(Vertx vertx, int metaThreads, int diskThreads, int codecThreads, int backgroundThreads) {
        this.meta = vertx.createSharedWorkerExecutor("granary-meta", metaThreads);
        this.disk = vertx.createSharedWorkerExecutor("granary-disk", diskThreads);
        this.codec = vertx.createSharedWorkerExecutor("granary-codec", codecThreads);
        this.background = vertx.createSharedWorkerExecutor("granary-background", backgroundThreads);
    }

    /**
     * Pools sized for this machine: metadata 2×cores but at least {@value #MIN_META_THREADS}, disk 8×cores,
     * codec = cores, background = cores / 2.
     */
    public static Pools forMachine(Vertx vertx) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new Pools(vertx, Math.max(MIN_META_THREADS, 2 * cores), 8 * cores, cores, Math.max(1, cores / 2));
    }

    public <T> Future<T> meta(Callable<T> work) {
        return meta.executeBlocking(work, false);
    }

    public <T> Future<T> codec(Callable<T> work) {
        return codec.executeBlocking(work, false);
    }

    /** Codec work of background repair (heal), kept apart from client requests' codec work. */
    public <T> Future<T> background(Callable<T> work) {
        return background.executeBlocking(work, false);
    }

    /** The executor for shard files, injected into local shard stores. */
    public WorkerExecutor disk() {
        return disk;
    }

    @Override
    public void close() {
        meta.close();
        disk.close();
        codec.close();
        background.close();
    }
}
