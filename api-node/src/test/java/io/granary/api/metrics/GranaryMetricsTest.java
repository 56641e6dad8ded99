package io.granary.api.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.granary.api.cluster.NodeSet;
import io.granary.datanode.LocalShardStore;
import io.granary.datanode.ShardStore;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class GranaryMetricsTest {
    private final GranaryMetrics metrics = new GranaryMetrics();

    private PrometheusSamples scrape() {
        return PrometheusSamples.parse(metrics.scrape());
    }

    @Test
    void countsRequestsByOperationAndStatusWithTheirBytes() {
        metrics.requestFinished("PutObject", "200", 2_000_000, 1000, 0);
        metrics.requestFinished("PutObject", "200", 3_000_000, 500, 0);
        metrics.requestFinished("GetObject", "404", 1_000_000, 0, 300);
        metrics.requestFinished("GetObject", GranaryMetrics.ABORTED, 1_000_000, 0, 64);
        PrometheusSamples samples = scrape();
        assertEquals(2, samples.sum("granary_s3_requests_total", "operation", "PutObject", "status", "200"));
        assertEquals(1, samples.sum("granary_s3_requests_total", "operation", "GetObject", "status", "404"));
        assertEquals(1, samples.sum("granary_s3_requests_total", "operation", "GetObject", "status", "aborted"));
        assertEquals(0, samples.sum("granary_s3_requests_total", "operation", "GetObject", "status", "200"));
        assertEquals(1500, samples.sum("granary_s3_received_bytes_total", "operation", "PutObject"));
        assertEquals(364, samples.sum("granary_s3_sent_bytes_total", "operation", "GetObject"));
    }

    @Test
    void latencyIsAHistogramThatHistogramQuantileCanRead() {
        metrics.requestFinished("ListBuckets", "200", Duration.ofMillis(3).toNanos(), 0, 10);
        metrics.requestFinished("ListBuckets", "200", Duration.ofSeconds(2).toNanos(), 0, 10);
        PrometheusSamples samples = scrape();
        String bucket = "granary_s3_request_duration_seconds_bucket";
        assertEquals(18, samples.count(bucket, "operation", "ListBuckets"), "17 bounds and +Inf");
        assertEquals(2, samples.sum(bucket, "operation", "ListBuckets", "le", "+Inf"));
        assertEquals(2, samples.sum("granary_s3_request_duration_seconds_count", "operation", "ListBuckets"));
        assertEquals(2.003, samples.sum("granary_s3_request_duration_seconds_sum", "operation", "ListBuckets"),
                1e-9);
        // Cumulative buckets: none at or below 2.5 ms, the 3 ms one from 5 ms on, both from 2.5 s on.
        assertEquals(0, samples.sum(bucket, "operation", "ListBuckets", "le", "0.0025"));
        assertEquals(1, samples.sum(bucket, "operation", "ListBuckets", "le", "0.005"));
        assertEquals(1, samples.sum(bucket, "operation", "ListBuckets", "le", "1.0"));
        assertEquals(2, samples.sum(bucket, "operation", "ListBuckets", "le", "2.5"));
    }

    @Test
    void aGetCountsAsOneDegradedReadHoweverManyPartsReportDamage() {
        Runnable first = metrics.degradedRead();
        first.run();
        first.run();
        first.run();
        metrics.degradedRead().run();
        metrics.degradedRead();
        assertEquals(2, scrape().sum("granary_degraded_reads_total"));
    }

    @Test
    void healedShardsAndBytesAddUp() {
        metrics.shardsHealed(2, 1 << 20);
        metrics.shardsHealed(1, 4096);
        PrometheusSamples samples = scrape();
        assertEquals(3, samples.sum("granary_heal_shards_total"));
        assertEquals((1 << 20) + 4096, samples.sum("granary_heal_bytes_total"));
        assertThrows(IllegalArgumentException.class, () -> metrics.shardsHealed(-1, 0));
    }

    @Test
    void healQueueLengthIsTheLastValueSet() {
        assertEquals(0, scrape().sum("granary_heal_queue_length"));
        metrics.healQueueLength(42);
        metrics.healQueueLength(7);
        assertEquals(7, scrape().sum("granary_heal_queue_length"));
    }

    @Test
    @Timeout(30)
    void nodeGaugesFollowTheNodeSet(@TempDir Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        WorkerExecutor disk = vertx.createSharedWorkerExecutor("test-disk", 2);
        try {
            Map<String, ShardStore> stores = new LinkedHashMap<>();
            for (int i = 1; i <= 3; i++) {
                stores.put("node-" + i, LocalShardStore.open(vertx, dir.resolve("node-" + i), disk)
                        .toCompletionStage().toCompletableFuture().get());
            }
            NodeSet nodes = new NodeSet(stores);
            metrics.watchNodes(nodes);
            assertEquals(3, scrape().count("granary_node_online"));
            assertEquals(3, scrape().sum("granary_node_online"));
            nodes.markOnline("node-2", false);
            assertEquals(0, scrape().sum("granary_node_online", "node", "node-2"));
            assertEquals(1, scrape().sum("granary_node_online", "node", "node-3"));
            nodes.markOnline("node-2", true);
            assertEquals(1, scrape().sum("granary_node_online", "node", "node-2"));
        } finally {
            disk.close();
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    @Test
    void metricsListenBesideTheS3Port() {
        assertEquals(new MetricsAddress("127.0.0.1", 9001), MetricsAddress.besideS3("127.0.0.1", 9000));
        assertEquals(new MetricsAddress("::1", 0), MetricsAddress.besideS3("::1", 0));
        assertThrows(IllegalArgumentException.class, () -> MetricsAddress.besideS3("127.0.0.1", 65535));
        assertThrows(IllegalArgumentException.class, () -> new MetricsAddress("127.0.0.1", 70000));
    }
}
