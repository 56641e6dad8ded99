package io.granary.api.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.heal.HealPass;
import io.granary.api.heal.JobProgress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * Many versions of one key with two data nodes' disks emptied: every version still reads bit-exact from the four
 * left, and a full heal rebuilds the lost shards of every version, not only the current one.
 */
@Timeout(180)
class VersionsSurviveTwoLostNodesIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();
    private static final int VERSIONS = 12;

    private static byte[] body(int version) {
        return TestData.random(20_000 + version * 7_919, version);
    }

    @Test
    void everyVersionReadsWithTwoNodesLostAndHealRestoresThemAll() throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        List<String> ids = new ArrayList<>();
        try (S3Client s3 = S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.SDK_DEFAULT)) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v
                    .status(BucketVersioningStatus.ENABLED)));
            for (int i = 0; i < VERSIONS; i++) {
                byte[] data = body(i);
                ids.add(s3.putObject(b -> b.bucket(bucket).key("ledger"), RequestBody.fromBytes(data)).versionId());
            }
            long before2 = ShardFiles.committedShards(SERVER.dataDir().resolve("node-2"));
            GranaryServerExtension.emptyDirectory(SERVER.dataDir().resolve("node-2"));
            GranaryServerExtension.emptyDirectory(SERVER.dataDir().resolve("node-5"));
            for (int i = 0; i < VERSIONS; i++) {
                String id = ids.get(i);
                assertArrayEquals(body(i), s3.getObjectAsBytes(b -> b.bucket(bucket).key("ledger").versionId(id))
                        .asByteArray(), "version " + i + " with two nodes lost");
            }
            HealPass heal = SERVER.node().recovery().heal();
            heal.start(null).toCompletionStage().toCompletableFuture().get();
            await().atMost(Duration.ofSeconds(120)).until(() -> heal.progress().state() != JobProgress.State.RUNNING);
            JobProgress done = heal.progress();
            assertTrue(done.clean(), done.toString());
            assertTrue(done.shardsRepaired() >= 2L * VERSIONS, "two shards of every version: " + done);
            assertEquals(before2, ShardFiles.committedShards(SERVER.dataDir().resolve("node-2")), "node-2 refilled");
            assertTrue(ShardFiles.committedShards(SERVER.dataDir().resolve("node-5")) >= VERSIONS, "node-5 refilled");
            for (int i = 0; i < VERSIONS; i++) {
                String id = ids.get(i);
                assertArrayEquals(body(i), s3.getObjectAsBytes(b -> b.bucket(bucket).key("ledger").versionId(id))
                        .asByteArray(), "version " + i + " after heal");
            }
        }
    }
}
