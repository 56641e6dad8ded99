package io.granary.bench.scrub;

import io.granary.api.ApiNode;
import io.granary.api.heal.BackgroundSettings;
import io.granary.api.heal.JobProgress;
import io.granary.datanode.LocalShardStore;
import io.granary.datanode.ShardId;
import io.granary.datanode.ShardWriter;
import io.granary.erasure.ChunkFrame;
import io.granary.erasure.StripeLayout;
import io.granary.metadata.MetadataOptions;
import io.granary.metadata.MetadataStore;
import io.granary.metadata.model.ContentHeaders;
import io.granary.metadata.model.ObjectLayout;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.PartLayout;
import io.granary.metadata.store.PutCondition;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Scrub throughput of the embedded server: fills a fresh data directory with {@code --objects} objects of
 * {@code --object-mib} MiB (records written straight to the metadata store, six shard files per object
 * written through {@link LocalShardStore} with random framed chunks: a scrub checks framing, CRC32C and
 * length, not the erasure code), starts an API node on it and times scrub passes with no rate limit. The
 * shard files were just written, so the reads hit the page cache: this measures the scrub's own path
 * (metadata scan, CRC32C verification on the data node, buffer hand-offs), not the disk.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar io.granary.bench.scrub.ScrubThroughput
 *     [--dir DIR] [--objects 64] [--object-mib 16] [--passes 3]</pre>
 */
public final class ScrubThroughput {
    private static final String BUCKET = "bench";
    private static final double MIB = 1 << 20;

    private ScrubThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path parent = Path.of(System.getProperty("java.io.tmpdir"));
        int objects = 64;
        int objectMib = 16;
        int passes = 3;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--dir" -> parent = Path.of(args[i + 1]);
                case "--objects" -> objects = Integer.parseInt(args[i + 1]);
                case "--object-mib" -> objectMib = Integer.parseInt(args[i + 1]);
                case "--passes" -> passes = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory(Files.createDirectories(parent), "granary-scrub-bench-");
        Vertx vertx = Vertx.vertx();
        try {
            fill(vertx, dir, objects, (long) objectMib << 20);
            ApiNode node = ApiNode.start(vertx, ApiNode.Config.embedded(dir, "127.0.0.1", 0,
                    Map.of("GRANARY_ACCESS_KEY", "GKSCRUBBENCHACCESS01", "GRANARY_SECRET_KEY",
                            "scrub-bench-secret-0123456789abcdefghijkl"))
                    .withBackground(BackgroundSettings.defaults().withScrub(0, Duration.ofDays(365))
                            .withOrphans(Duration.ofDays(1), Duration.ofDays(365))));
            try {
                for (int pass = 1; pass <= passes; pass++) {
                    report(pass, scrub(node));
                }
            } finally {
                node.close();
            }
        } finally {
            await(vertx.close());
            deleteTree(dir);
        }
    }

    private static JobProgress scrub(ApiNode node) throws Exception {
        await(node.recovery().scrubber().start(null));
        return await(node.recovery().scrubber().whenDone());
    }

    private static void report(int pass, JobProgress done) {
        double seconds = (done.finishedMillis() - done.startedMillis()) / 1000.0;
        System.out.printf("pass %d: %s, %d objects, %d shards checked (%d bad), %.1f MiB of shards in %.2f s = "
                + "%.0f MiB/s%n", pass, done.state(), done.objectsScanned(), done.shardsChecked(), done.shardsBad(),
                done.bytes() / MIB, seconds, done.bytes() / MIB / seconds);
    }

    /** Writes the objects' records and shard files while no API node runs on the directory. */
    private static void fill(Vertx vertx, Path dir, int objects, long objectSize) throws Exception {
        WorkerExecutor disk = vertx.createSharedWorkerExecutor("scrub-bench-disk", 8);
        StripeLayout layout = StripeLayout.defaults();
        List<String> nodeIds = new ArrayList<>();
        List<LocalShardStore> stores = new ArrayList<>();
        for (int i = 1; i <= layout.totalShards(); i++) {
            nodeIds.add("node-" + i);
            stores.add(await(LocalShardStore.open(vertx, dir.resolve("node-" + i), disk)));
        }
        byte[] payload = new byte[layout.fullChunkSize()];
        new Random(1).nextBytes(payload);
        try (MetadataStore metadata = MetadataStore.open(dir.resolve("meta"), MetadataOptions.defaults())) {
            metadata.buckets().create(BUCKET, "root", "us-east-1");
            for (int object = 0; object < objects; object++) {
                String setId = ShardId.randomSetId();
                for (int index = 0; index < stores.size(); index++) {
                    writeShard(stores.get(index), ShardId.of(setId, index), layout, objectSize, payload);
                }
                String etag = "\"" + setId + "\"";
                PartLayout part = new PartLayout(1, objectSize, etag, setId, nodeIds);
                metadata.objects().put(BUCKET, new ObjectRecord("object-" + object, ObjectRecord.NULL_VERSION,
                        objectSize, etag, ContentHeaders.none(), Map.of(), Map.of(), List.of(),
                        System.currentTimeMillis(), new ObjectLayout(layout.dataShards(), layout.parityShards(),
                                layout.blockSize(), List.of(part))), PutCondition.none(), List.of());
            }
        }
        disk.close();
    }

    private static void writeShard(LocalShardStore store, ShardId id, StripeLayout layout, long objectSize,
            byte[] payload) throws Exception {
        ShardWriter writer = await(store.openWrite(id, layout.shardLength(objectSize)));
        for (long stripe = 0; stripe < layout.stripeCount(objectSize); stripe++) {
            ByteBuffer chunk = ByteBuffer.wrap(payload, 0, layout.chunkSize(objectSize, stripe));
            await(writer.write(Buffer.buffer(ChunkFrame.frame(chunk).array())));
        }
        await(writer.end());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
