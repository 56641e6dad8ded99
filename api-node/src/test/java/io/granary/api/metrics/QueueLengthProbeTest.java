package io.granary.api.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.granary.api.async.AsyncMetadata;
import io.granary.api.async.Pools;
import io.granary.metadata.MetadataOptions;
import io.granary.metadata.MetadataStore;
import io.granary.metadata.model.GarbageReason;
import io.granary.metadata.model.GarbageTask;
import io.granary.metadata.model.HealReason;
import io.granary.metadata.model.HealTask;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class QueueLengthProbeTest {

    @Test
    @Timeout(60)
    void publishesBothQueueLengthsCountedInRocksDb(@TempDir Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        Pools pools = new Pools(vertx, 2, 1, 1, 1);
        try (MetadataStore store = MetadataStore.open(dir.resolve("meta"), MetadataOptions.defaults())) {
            GranaryMetrics metrics = new GranaryMetrics();
            QueueLengthProbe probe = new QueueLengthProbe(new AsyncMetadata(store, pools), metrics);
            for (int shard = 0; shard < 3; shard++) {
                store.healQueue().append(new HealTask("bucket", "key", null, 1, "set", shard, "node-" + (shard + 1),
                        HealReason.READ_FAILED, 0));
            }
            store.garbageQueue().append(new GarbageTask("gone", List.of("node-1"), GarbageReason.DELETED, 0));
            await(probe.refresh());
            assertEquals(3, PrometheusSamples.parse(metrics.scrape()).sum("granary_heal_queue_length"));
            assertEquals(1, PrometheusSamples.parse(metrics.scrape()).sum("granary_garbage_queue_length"));
            store.healQueue().append(new HealTask("bucket", "key", null, 1, "set", 4, "node-5",
                    HealReason.READ_FAILED, 0));
            // Two scrapes at once share one count; both see the new length.
            Future<Void> first = probe.refresh();
            Future<Void> second = probe.refresh();
            await(first);
            await(second);
            assertEquals(4, PrometheusSamples.parse(metrics.scrape()).sum("granary_heal_queue_length"));
        } finally {
            pools.close();
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    private static void await(Future<Void> future) throws Exception {
        future.toCompletionStage().toCompletableFuture().get();
    }
}
