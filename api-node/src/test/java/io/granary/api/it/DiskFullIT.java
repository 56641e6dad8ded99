package io.granary.api.it;

import static io.granary.api.it.TestData.MIB;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.granary.api.heal.BackgroundSettings;
import io.granary.datanode.LocalShardStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Full disks, filled for real on a small tmpfs. A full data node takes no new shards: writes go on with the
 * other five (the write quorum), {@code admin status} says FULL, and once space returns a heal brings every
 * object back to six shards. A full metadata disk makes writes fail with 503 while reads go on; once space
 * returns (RocksDB resumes when a memtable's worth, 64 MiB, is free) writes resume by themselves, and after a
 * restart everything acknowledged reads bit-exact and nothing refused exists.
 */
@Timeout(240)
class DiskFullIT {
    private static final LocalShardStore.Options SEGMENTS = LocalShardStore.Options.DEFAULTS.withTrustFrames(true);
    private static final String BUCKET = "full";

    @TempDir
    Path dataDir;

    @Test
    void aFullDataNodeIsWrittenAroundShownFullAndHealedOnceSpaceReturns() throws Exception {
        Map<String, byte[]> written = new LinkedHashMap<>();
        try (Tmpfs disk = Tmpfs.mount(dataDir.resolve("node-3"), "12m")) {
            try (EmbeddedNode node = EmbeddedNode.start(dataDir, BackgroundSettings.defaults(), SEGMENTS);
                 S3Client s3 = client(node)) {
                s3.createBucket(b -> b.bucket(BUCKET));
                // 1 MiB objects put a 256 KiB shard on each node: node-3's 12 MiB fill within ~45 of them.
                for (int i = 0; i < 80 && !node3(status(node)).path("full").asBoolean(); i++) {
                    put(s3, written, "before-" + i, MIB, i);
                }
                JsonNode full = node3(status(node));
                assertTrue(full.path("full").asBoolean(), full.toString());
                assertEquals("ONLINE", full.path("state").asText(), full.toString());
                assertTrue(AdminCli.run(node.endpoint(), "status").out().contains("ONLINE,FULL"));

                for (int i = 0; i < 10; i++) {
                    String key = "after-" + i;
                    put(s3, written, key, MIB, 1000 + i);
                    assertFalse(node.firstPart(BUCKET, key).nodes().contains("node-3"),
                            "placed around the full node: " + node.firstPart(BUCKET, key));
                }
                assertAllRead(s3, written);

                disk.resize("128m");
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> !node3(status(node)).path("full").asBoolean());
                AdminCli.Result heal = AdminCli.run(node.endpoint(), "heal", "--wait");
                assertEquals(0, heal.exit(), heal.out() + heal.err());
                assertEquals(0, AdminCli.json(node.endpoint(), "heal", "status").path("shardsFailed").asLong());
                // The heal worker settles the queued tasks of the writes that went around the full node.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> status(node),
                        s -> s.path("objects").path("degraded").asLong() == 0 && s.path("healQueue").asLong() == 0);
                put(s3, written, "room-again", MIB, 2000);
                assertTrue(node.firstPart(BUCKET, "room-again").nodes().contains("node-3"));
            }
            try (EmbeddedNode again = EmbeddedNode.start(dataDir, BackgroundSettings.defaults(), SEGMENTS);
                 S3Client s3 = client(again)) {
                assertAllRead(s3, written);
            }
        }
    }

    @Test
    void aFullMetadataDiskRefusesWritesWith503KeepsReadingAndResumesIntact() throws Exception {
        Map<String, byte[]> acknowledged = new LinkedHashMap<>();
        List<String> refused = new ArrayList<>();
        try (Tmpfs disk = Tmpfs.mount(dataDir.resolve("meta"), "48m")) {
            try (EmbeddedNode node = EmbeddedNode.start(dataDir, BackgroundSettings.defaults(), SEGMENTS);
                 S3Client s3 = client(node)) {
                s3.createBucket(b -> b.bucket(BUCKET));
                for (int i = 0; i < 5; i++) put(s3, acknowledged, "before-" + i, 64 << 10, i);
                assertTrue(disk.fill("filler") > 0);

                // A page of the WAL RocksDB already holds may take a few more commits before the wall.
                for (int i = 0; i < 200 && refused.isEmpty(); i++) {
                    String key = "while-full-" + i;
                    byte[] bytes = TestData.random(4096, 100 + i);
                    try {
                        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
                        acknowledged.put(key, bytes);
                    } catch (S3Exception e) {
                        assertEquals(503, e.statusCode(), e.toString());
                        assertEquals("ServiceUnavailable", e.awsErrorDetails().errorCode());
                        refused.add(key);
                    }
                }
                assertEquals(1, refused.size(), "a write fails once the metadata disk is full");
                assertAllRead(s3, acknowledged);
                assertEquals(acknowledged.size(), s3.listObjectsV2(b -> b.bucket(BUCKET)).keyCount());

                // Smaller than RocksDB's WAL preallocation (1.1 memtables), so the fill reaches the WAL at once;
                // RocksDB resumes only with a memtable's worth free, so the space comes back as a bigger disk.
                Files.delete(dataDir.resolve("meta").resolve("filler"));
                disk.resize("256m");
                byte[] resumed = TestData.random(4096, 999);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    try {
                        s3.putObject(b -> b.bucket(BUCKET).key("resumed"), RequestBody.fromBytes(resumed));
                        return true;
                    } catch (S3Exception e) {
                        assertEquals(503, e.statusCode(), e.toString());
                        return false;
                    }
                });
                acknowledged.put("resumed", resumed);
            }
            try (EmbeddedNode again = EmbeddedNode.start(dataDir, BackgroundSettings.defaults(), SEGMENTS);
                 S3Client s3 = client(again)) {
                assertAllRead(s3, acknowledged);
                for (String key : refused) {
                    assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(BUCKET).key(key)));
                }
            }
        }
    }

    private static void put(S3Client s3, Map<String, byte[]> written, String key, int size, long seed) {
        byte[] bytes = TestData.random(size, seed);
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
        written.put(key, bytes);
    }

    private static void assertAllRead(S3Client s3, Map<String, byte[]> written) {
        written.forEach((key, bytes) -> assertArrayEquals(bytes,
                s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray(), key));
    }

    private static JsonNode status(EmbeddedNode node) {
        return AdminCli.json(node.endpoint(), "status", "--json");
    }

    private static JsonNode node3(JsonNode status) {
        for (JsonNode node : status.path("nodes")) {
            if (node.path("id").asText().equals("node-3")) return node;
        }
        throw new AssertionError("no node-3 in " + status);
    }

    /** No SDK retries: the test sees the server's first answer. */
    private static S3Client client(EmbeddedNode node) {
        return S3Clients.syncBuilder(node.endpoint(), S3Clients.ChecksumSetting.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }
}
