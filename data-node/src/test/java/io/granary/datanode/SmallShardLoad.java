package io.granary.datanode;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load main (not a test): 4 KiB shard writes with 8 concurrent writers into a {@link LocalShardStore},
 * every shard a file versus small shards in group-committed segments, same run, same disk; then the time
 * to reopen a volume of 100,000 small records (index rebuilt by scanning). Run from the data-node module:
 * {@code java -cp target/classes:target/test-classes:$(deps) io.granary.datanode.SmallShardLoad [DIR] [WRITES]}.
 */
public final class SmallShardLoad {
    private static final int WRITERS = 8;

    private SmallShardLoad() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Files.createTempDirectory(Path.of(args.length > 0 ? args[0] : "/tmp"), "small-shard-load-");
        int writes = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        Vertx vertx = Vertx.vertx();
        WorkerExecutor disk = vertx.createSharedWorkerExecutor("load-disk", 16);
        try {
            run(vertx, disk, base.resolve("files"), LocalShardStore.Options.FILES, writes);
            run(vertx, disk, base.resolve("segments"), LocalShardStore.Options.DEFAULTS, writes);
            reopen(vertx, disk, base.resolve("reopen"), 100_000);
        } finally {
            TestShards.await(vertx.close());
        }
    }

    private static void run(Vertx vertx, WorkerExecutor disk, Path root, LocalShardStore.Options options,
                            int writes) {
        LocalShardStore store = TestShards.await(LocalShardStore.open(vertx, root, disk, options));
        byte[] shard = TestShards.framed(1, 4096, 4096, 1);
        long forcesBefore = store.segmentForces();
        long start = System.nanoTime();
        TestShards.await(writeAll(vertx, store, shard, writes));
        double seconds = (System.nanoTime() - start) / 1e9;
        long forces = store.segmentForces() - forcesBefore;
        String fsyncs = options.segmentThreshold() < 0 ? "2 (file + directory)"
                : String.format("%.3f", (double) forces / writes);
        System.out.printf("%-9s %d writes of %d B, %d writers: %.0f writes/s, fsyncs per write %s%n",
                options.segmentThreshold() < 0 ? "files" : "segments", writes, shard.length, WRITERS,
                writes / seconds, fsyncs);
    }

    /** {@code WRITERS} chains, each writing its next shard when the previous one is acknowledged. */
    private static Future<Void> writeAll(Vertx vertx, ShardStore store, byte[] shard, int writes) {
        AtomicInteger next = new AtomicInteger();
        Promise<Void> done = Promise.promise();
        AtomicInteger running = new AtomicInteger(WRITERS);
        for (int w = 0; w < WRITERS; w++) chain(vertx, store, shard, writes, next, running, done);
        return done.future();
    }

    private static void chain(Vertx vertx, ShardStore store, byte[] shard, int writes, AtomicInteger next,
                              AtomicInteger running, Promise<Void> done) {
        if (next.getAndIncrement() >= writes) {
            if (running.decrementAndGet() == 0) done.tryComplete();
            return;
        }
        TestShards.writeFrom(vertx, store, TestShards.newId(0), shard).onComplete(r -> {
            if (r.failed()) {
                done.tryFail(r.cause());
            } else {
                chain(vertx, store, shard, writes, next, running, done);
            }
        });
    }

    private static void reopen(Vertx vertx, WorkerExecutor disk, Path root, int records) {
        LocalShardStore store = TestShards.await(LocalShardStore.open(vertx, root, disk,
                LocalShardStore.Options.DEFAULTS));
        byte[] shard = TestShards.framed(1, 1024, 1024, 2);
        TestShards.await(writeAll(vertx, store, shard, records));
        long start = System.nanoTime();
        LocalShardStore reopened = TestShards.await(LocalShardStore.open(vertx, root, disk,
                LocalShardStore.Options.DEFAULTS));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("reopen of %d records of %d B (%d segment files): %.2f s%n", records, shard.length,
                TestShards.await(reopened.health()).segments().segments(), seconds);
    }
}
