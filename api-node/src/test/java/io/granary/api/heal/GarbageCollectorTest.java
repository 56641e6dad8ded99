package io.granary.api.heal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.granary.api.async.AsyncMetadata;
import io.granary.api.async.Pools;
import io.granary.api.cluster.NodeSet;
import io.granary.datanode.LocalShardStore;
import io.granary.datanode.ShardId;
import io.granary.datanode.ShardStore;
import io.granary.metadata.MetadataOptions;
import io.granary.metadata.MetadataStore;
import io.granary.metadata.model.ContentHeaders;
import io.granary.metadata.model.GarbageReason;
import io.granary.metadata.model.GarbageTask;
import io.granary.metadata.model.UploadRecord;
import io.granary.metadata.store.UploadQuery;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class GarbageCollectorTest {
    private static final String[] NODES = {"node-1", "node-2", "node-3", "node-4", "node-5", "node-6"};

    @Test
    void abortsOnlyUploadsOlderThanTheCutoff(@TempDir Path dir) {
        try (MetadataStore store = MetadataStore.open(dir, MetadataOptions.defaults())) {
            store.buckets().create("photos", "root", "us-east-1");
            for (int i = 0; i < 3; i++) {
                store.multipart().create("photos", UploadRecord.draft("k" + i, "root", ContentHeaders.none(),
                        Map.of(), Map.of(), null, null));
            }
            long now = System.currentTimeMillis();
            assertEquals(0, GarbageCollector.abortAbandoned(store, now - 60_000));
            assertEquals(3, GarbageCollector.abortAbandoned(store, now + 60_000));
            assertEquals(0, store.multipart().listUploads("photos", new UploadQuery(null, null, null, null, 1000))
                    .uploads().size());
        }
    }

    /** A backlog of several batches is gone after one drain, not one batch per interval. */
    @Test
    @Timeout(60)
    void oneDrainEmptiesABacklogOfManyBatches(@TempDir Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        Pools pools = new Pools(vertx, 2, 2, 1, 1);
        try (MetadataStore store = MetadataStore.open(dir.resolve("meta"), MetadataOptions.defaults())) {
            Map<String, ShardStore> stores = stores(vertx, pools, dir);
            int tasks = 200;
            for (int i = 0; i < tasks; i++) {
                store.garbageQueue().append(new GarbageTask(ShardId.randomSetId(), List.of(NODES),
                        GarbageReason.DELETED, 0));
            }
            // A malformed record fails alone: it stays queued, leased, and the rest drain.
            store.garbageQueue().append(new GarbageTask("not-a-set-id", List.of(NODES), GarbageReason.DELETED, 0));
            GarbageCollector collector = new GarbageCollector(vertx, new AsyncMetadata(store, pools),
                    new NodeSet(stores), 60_000, Long.MAX_VALUE);
            assertEquals(tasks, get(collector.drain()));
            assertEquals(1, store.garbageQueue().length());
        } finally {
            pools.close();
            get(vertx.close());
        }
    }

    /** Tasks that met an offline node are claimable again as soon as it is back, not when their lease ends. */
    @Test
    @Timeout(60)
    void tasksOfAnOfflineNodeAreCollectedAtTheFirstDrainAfterItReturns(@TempDir Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        Pools pools = new Pools(vertx, 2, 2, 1, 1);
        try (MetadataStore store = MetadataStore.open(dir.resolve("meta"), MetadataOptions.defaults())) {
            Map<String, ShardStore> stores = stores(vertx, pools, dir);
            for (int i = 0; i < 10; i++) {
                store.garbageQueue().append(new GarbageTask(ShardId.randomSetId(), List.of(NODES),
                        GarbageReason.DELETED, 0));
            }
            NodeSet nodes = new NodeSet(stores);
            GarbageCollector collector = new GarbageCollector(vertx, new AsyncMetadata(store, pools), nodes,
                    60_000, Long.MAX_VALUE);
            nodes.markOnline("node-3", false);
            assertEquals(0, get(collector.drain()));
            // Still leased for minutes: without the node's return nothing is claimed again.
            assertEquals(0, get(collector.drain()));
            nodes.markOnline("node-3", true);
            assertEquals(10, get(collector.drain()));
            assertEquals(0, store.garbageQueue().length());
        } finally {
            pools.close();
            get(vertx.close());
        }
    }

    /** Six local shard stores under {@code dir}. */
    private static Map<String, ShardStore> stores(Vertx vertx, Pools pools, Path dir) throws Exception {
        Map<String, ShardStore> stores = new LinkedHashMap<>();
        for (String node : NODES) {
            stores.put(node, get(LocalShardStore.open(vertx, dir.resolve(node), pools.disk())));
        }
        return stores;
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get();
    }
}
