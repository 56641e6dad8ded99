package io.granary.api.it;

import static io.granary.api.it.EmbeddedNode.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.heal.BackgroundSettings;
import io.granary.api.heal.JobProgress;
import io.granary.datanode.LocalShardStore;
import io.granary.datanode.ShardId;
import io.granary.datanode.ShardStore;
import io.granary.datanode.ShardStoreException;
import java.time.Duration;
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

/** A byte flipped in a segment file behind the server's back: scrub finds it, the heal worker rebuilds it. */
@Timeout(300)
class SegmentScrubHealIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension(BackgroundSettings.defaults()
            .withHealPoll(Duration.ofMillis(200)), LocalShardStore.Options.DEFAULTS.withTrustFrames(true));
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
    void aByteFlippedInASegmentIsFoundByScrubAndHealed() throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        Map<String, Set<ShardId>> before = SegmentShards.shardsByNode(SERVER.node().nodes());
        byte[] data = TestData.random(4096, 41);
        s3.putObject(b -> b.bucket(bucket).key("flipped"), RequestBody.fromBytes(data));
        Map<String, Set<ShardId>> ours = SegmentShards.createdSince(SERVER.node().nodes(), before);
        ShardId victim = ours.get("node-3").iterator().next();
        ShardStore store = SERVER.node().nodes().store("node-3");
        byte[] original = SegmentShards.readShard(store, victim);
        SegmentShards.flipInSegment(SERVER.dataDir().resolve("node-3"), victim);
        ShardStoreException corrupt = SegmentShards.assertCorrupt(store, victim);
        assertEquals(ShardStoreException.Kind.CORRUPT, corrupt.kind());

        await(SERVER.node().recovery().scrubber().start(null));
        JobProgress scrubbed = await(SERVER.node().recovery().scrubber().whenDone());
        assertTrue(scrubbed.shardsBad() >= 1, scrubbed.toString());

        Awaitility.await("the heal worker rewrites the corrupt shard").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100)).until(() -> SegmentShards.matches(store, victim, original));
        assertArrayEquals(original, SegmentShards.readShard(store, victim),
                "the heal worker rewrites the corrupt shard");
        assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket(bucket).key("flipped")).asByteArray());
    }
}
