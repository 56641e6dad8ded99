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
import io.granary.datanode.ShardInfo;
import io.granary.datanode.ShardPage;
import io.granary.datanode.ShardStore;
import io.granary.datanode.ShardStoreException;
import io.granary.datanode.ShardWriter;
import io.granary.datanode.segment.SegmentRecord;
import io.granary.erasure.ChunkFrame;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Small objects on the embedded server with segment-backed data nodes (shards up to 512 KiB appended
 * to group-committed segments): they survive every two-node loss, the drill and a full heal work over
 * segment-stored shards, and a byte flipped in a segment file behind the server's back is found by
 * scrub and healed. Shards are lost and restored through each node's own store, since segment records
 * are not files a test can delete.
 */
@Timeout(300)
class SegmentShardsIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension(BackgroundSettings.defaults()
            .withHealPoll(Duration.ofMillis(200)), LocalShardStore.Options.DEFAULTS.withTrustFrames(true));
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
        Map<String, Set<ShardId>> before = shardsByNode();
        Map<String, byte[]> objects = put(bucket, "pairs");
        Map<String, Set<ShardId>> ours = createdSince(before);
        ours.values().forEach(ids -> assertEquals(SIZES.length, ids.size(), "one shard per object per node"));
        for (int node = 1; node <= ShardFiles.NODES; node++) {
            assertEquals(0, ShardFiles.committedShards(SERVER.dataDir().resolve("node-" + node)),
                    "small shards are segment records, not files");
        }
        for (int first = 1; first <= ShardFiles.NODES; first++) {
            for (int second = first + 1; second <= ShardFiles.NODES; second++) {
                Map<ShardId, byte[]> lost = new LinkedHashMap<>();
                for (String node : List.of("node-" + first, "node-" + second)) lost.putAll(lose(node, ours.get(node)));
                readAllBack(bucket, objects);
                restore(lost, ours);
            }
        }
        JsonNode summary = drillSummary();
        assertEquals(0, summary.path("failed").asLong(), summary.toString());
        assertEquals(15, summary.path("pairs").asInt(), summary.toString());
    }

    @Test
    void aFullHealRestoresTwoLostNodesIntoSegments() throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        Map<String, Set<ShardId>> before = shardsByNode();
        Map<String, byte[]> objects = put(bucket, "heal");
        Map<String, Set<ShardId>> ours = createdSince(before);
        Map<ShardId, byte[]> lost = new LinkedHashMap<>(lose("node-2", ours.get("node-2")));
        lost.putAll(lose("node-5", ours.get("node-5")));

        fullHeal();

        for (var shard : lost.entrySet()) {
            ShardStore store = store(shard.getKey(), ours);
            assertArrayEquals(shard.getValue(), readShard(store, shard.getKey()), "healed " + shard.getKey());
        }
        readAllBack(bucket, objects);
    }

    @Test
    void aByteFlippedInASegmentIsFoundByScrubAndHealed() throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        Map<String, Set<ShardId>> before = shardsByNode();
        byte[] data = TestData.random(4096, 41);
        s3.putObject(b -> b.bucket(bucket).key("flipped"), RequestBody.fromBytes(data));
        Map<String, Set<ShardId>> ours = createdSince(before);
        ShardId victim = ours.get("node-3").iterator().next();
        ShardStore store = SERVER.node().nodes().store("node-3");
        byte[] original = readShard(store, victim);
        flipInSegment(SERVER.dataDir().resolve("node-3"), victim);
        ShardStoreException corrupt = assertCorrupt(store, victim);
        assertEquals(ShardStoreException.Kind.CORRUPT, corrupt.kind());

        await(SERVER.node().recovery().scrubber().start(null));
        JobProgress scrubbed = await(SERVER.node().recovery().scrubber().whenDone());
        assertTrue(scrubbed.shardsBad() >= 1, scrubbed.toString());

        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!matches(store, victim, original) && System.nanoTime() < deadline) Thread.sleep(100);
        assertArrayEquals(original, readShard(store, victim), "the heal worker rewrites the corrupt shard");
        assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket(bucket).key("flipped")).asByteArray());
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

    private static Map<String, Set<ShardId>> shardsByNode() throws Exception {
        Map<String, Set<ShardId>> all = new LinkedHashMap<>();
        for (String node : SERVER.node().nodes().ids()) {
            Set<ShardId> ids = new TreeSet<>();
            ShardId after = null;
            do {
                ShardPage page = await(SERVER.node().nodes().store(node).list(after, 1000));
                page.shards().forEach(info -> ids.add(info.id()));
                after = page.next();
            } while (after != null);
            all.put(node, ids);
        }
        return all;
    }

    private static Map<String, Set<ShardId>> createdSince(Map<String, Set<ShardId>> before) throws Exception {
        Map<String, Set<ShardId>> now = shardsByNode();
        now.forEach((node, ids) -> ids.removeAll(before.get(node)));
        return now;
    }

    /** Deletes the shards from the node's store, returning their bytes for {@link #restore}. */
    private static Map<ShardId, byte[]> lose(String node, Set<ShardId> ids) throws Exception {
        ShardStore store = SERVER.node().nodes().store(node);
        Map<ShardId, byte[]> lost = new LinkedHashMap<>();
        for (ShardId id : ids) {
            lost.put(id, readShard(store, id));
            await(store.delete(id));
        }
        return lost;
    }

    private static void restore(Map<ShardId, byte[]> lost, Map<String, Set<ShardId>> ours) throws Exception {
        for (var shard : lost.entrySet()) {
            ShardWriter writer = await(store(shard.getKey(), ours).openWrite(shard.getKey(), shard.getValue().length));
            writer.write(Buffer.buffer(shard.getValue()));
            writer.end();
            await(writer.committed());
        }
    }

    private static ShardStore store(ShardId id, Map<String, Set<ShardId>> ours) {
        String node = ours.entrySet().stream().filter(e -> e.getValue().contains(id)).findFirst().orElseThrow().getKey();
        return SERVER.node().nodes().store(node);
    }

    private static byte[] readShard(ShardStore store, ShardId id) throws Exception {
        ShardInfo info = await(store.stat(id));
        ReadStream<Buffer> stream = await(store.read(id, 0, info.length()));
        Promise<Buffer> all = Promise.promise();
        Buffer bytes = Buffer.buffer();
        stream.exceptionHandler(all::tryFail);
        stream.endHandler(v -> all.tryComplete(bytes));
        stream.handler(bytes::appendBuffer);
        return await(all.future()).getBytes();
    }

    private static boolean matches(ShardStore store, ShardId id, byte[] expected) {
        try {
            return java.util.Arrays.equals(expected, readShard(store, id));
        } catch (Exception e) {
            return false;
        }
    }

    private static ShardStoreException assertCorrupt(ShardStore store, ShardId id) {
        try {
            readShard(store, id);
        } catch (ShardStoreException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a CORRUPT read of " + id, e);
        }
        throw new AssertionError("a flipped byte must make " + id + " CORRUPT");
    }

    /** Flips a payload byte of the shard's first frame inside its segment record, under the store's feet. */
    private static void flipInSegment(Path nodeDir, ShardId id) throws Exception {
        byte[] needle = id.value().getBytes(StandardCharsets.US_ASCII);
        try (Stream<Path> segments = Files.list(nodeDir.resolve("segments"))) {
            for (Path segment : segments.toList()) {
                byte[] bytes = Files.readAllBytes(segment);
                int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(new String(needle,
                        StandardCharsets.ISO_8859_1));
                if (at < 0) continue;
                int payload = at - 8 + SegmentRecord.HEADER_SIZE;
                try (var channel = java.nio.channels.FileChannel.open(segment, java.nio.file.StandardOpenOption.WRITE)) {
                    int flipAt = payload + ChunkFrame.HEADER_SIZE + 10;
                    channel.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) (bytes[flipAt] ^ 0x20)}), flipAt);
                }
                return;
            }
        }
        throw new AssertionError("no segment holds " + id);
    }

    private static JsonNode drillSummary() throws Exception {
        List<JsonNode> lines = AdminRequests.root(SERVER.endpoint()).send("POST", "/_admin/drill").lines();
        for (JsonNode line : lines.subList(0, lines.size() - 1)) assertTrue(line.path("ok").asBoolean(), line.toString());
        return lines.get(lines.size() - 1).path("summary");
    }

    private static void fullHeal() throws Exception {
        var heal = SERVER.node().recovery().heal();
        await(heal.start(null));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (heal.progress().state() == JobProgress.State.RUNNING && System.nanoTime() < deadline) Thread.sleep(50);
        assertTrue(heal.progress().clean(), "heal must end clean: " + heal.progress());
    }
}
