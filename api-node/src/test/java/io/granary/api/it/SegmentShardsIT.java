package io.granary.api.it;

import static io.granary.api.it.EmbeddedNode.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.granary.api.heal.BackgroundSettings;
import io.granary.api.heal.JobProgress;
import io.granary.datanode.LocalShardStore;
import io.granary.datanode.ShardId;
import io.granary.datanode.ShardStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Small objects on the embedded server with segment-backed data nodes (shards up to 512 KiB appended
 * to group-committed segments): they survive every two-node loss, and the drill and a full heal work
 * over segment-stored shards. The heal worker looks at its queue once an hour, so it does not race the
 * test's own restores ({@link SegmentScrubHealIT} has it running).
 */
@Timeout(300)
class SegmentShardsIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension(BackgroundSettings.defaults()
            .withHealPoll(Duration.ofHours(1)), LocalShardStore.Options.DEFAULTS.withTrustFrames(true));
    private static final int[] SIZES = {1, 4096, 100_000, TestData.MIB};
    private static S3Client s3;

    @BeforeAll
    static void client() {
        s3 = S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.SDK_DEFAULT);
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @Test
    void smallObjectsSurviveEveryTwoNodeLossAndTheDrill() throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        Map<String, Set<ShardId>> before = SegmentShards.shardsByNode(SERVER.node().nodes());
        Map<String, byte[]> objects = put(bucket, "pairs");
        Map<String, Set<ShardId>> ours = SegmentShards.createdSince(SERVER.node().nodes(), before);
        ours.values().forEach(ids -> assertEquals(SIZES.length, ids.size(), "one shard per object per node"));
        for (int node = 1; node <= ShardFiles.NODES; node++) {
            assertEquals(0, ShardFiles.committedShards(SERVER.dataDir().resolve("node-" + node)),
                    "small shards are segment records, not files");
        }
        for (int first = 1; first <= ShardFiles.NODES; first++) {
            for (int second = first + 1; second <= ShardFiles.NODES; second++) {
                Map<ShardId, byte[]> lost = new LinkedHashMap<>();
                for (String node : List.of("node-" + first, "node-" + second)) {
                    lost.putAll(SegmentShards.lose(SERVER.node().nodes(), node, ours.get(node)));
                }
                readAllBack(bucket, objects);
                SegmentShards.restore(SERVER.node().nodes(), lost, ours);
            }
        }
        JsonNode summary = drillSummary();
        assertEquals(0, summary.path("failed").asLong(), summary.toString());
        assertEquals(summary.path("objects").asLong(), summary.path("ok").asLong(), summary.toString());
        assertTrue(summary.path("objects").asLong() >= SIZES.length, summary.toString());
    }

    @Test
    void aFullHealRestoresTwoLostNodesIntoSegments() throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        Map<String, Set<ShardId>> before = SegmentShards.shardsByNode(SERVER.node().nodes());
        Map<String, byte[]> objects = put(bucket, "heal");
        Map<String, Set<ShardId>> ours = SegmentShards.createdSince(SERVER.node().nodes(), before);
        Map<ShardId, byte[]> lost = new LinkedHashMap<>(SegmentShards.lose(SERVER.node().nodes(), "node-2",
                ours.get("node-2")));
        lost.putAll(SegmentShards.lose(SERVER.node().nodes(), "node-5", ours.get("node-5")));

        fullHeal();

        for (var shard : lost.entrySet()) {
            ShardStore store = SegmentShards.store(SERVER.node().nodes(), shard.getKey(), ours);
            assertArrayEquals(shard.getValue(), SegmentShards.readShard(store, shard.getKey()),
                    "healed " + shard.getKey());
        }
        readAllBack(bucket, objects);
    }

    // ---- helpers ----

    private static Map<String, byte[]> put(String bucket, String prefix) {
        Map<String, byte[]> objects = new LinkedHashMap<>();
        for (int size : SIZES) {
            byte[] data = TestData.random(size, size);
            s3.putObject(b -> b.bucket(bucket).key(prefix + "-" + size), RequestBody.fromBytes(data));
            objects.put(prefix + "-" + size, data);
        }
        return objects;
    }

    private static void readAllBack(String bucket, Map<String, byte[]> objects) {
        objects.forEach((key, data) -> assertArrayEquals(data,
                s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray(), key));
    }

    private static JsonNode drillSummary() throws Exception {
        List<JsonNode> lines = AdminRequests.root(SERVER.endpoint()).send("POST", "/_admin/drill").lines();
        for (JsonNode line : lines.subList(0, lines.size() - 1)) {
            assertTrue(line.path("ok").asBoolean(), line.toString());
        }
        return lines.get(lines.size() - 1).path("summary");
    }

    private static void fullHeal() throws Exception {
        var heal = SERVER.node().recovery().heal();
        await(heal.start(null));
        Awaitility.await("the full heal ends").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> heal.progress().state() != JobProgress.State.RUNNING);
        assertTrue(heal.progress().clean(), "heal must end clean: " + heal.progress());
    }
}
