package io.granary.api.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.ApiNode;
import io.granary.api.heal.BackgroundSettings;
import io.granary.api.heal.HealPass;
import io.granary.api.heal.JobProgress;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A full heal interrupted by a restart resumes from its checkpoint: the restarted API node carries on
 * from the page it was at with the counters it had, instead of starting over, and ends with every
 * shard of the emptied node rebuilt.
 */
@Timeout(180)
class HealResumeIT {
    private static final int OBJECTS = 150;
    private static final Map<String, String> ROOT = Map.of("GRANARY_ACCESS_KEY", GranaryServerExtension.ACCESS_KEY,
            "GRANARY_SECRET_KEY", GranaryServerExtension.SECRET_KEY);

    @TempDir
    Path dataDir;

    @Test
    void aHealInterruptedByARestartResumesWhereItWas() throws Exception {
        Vertx vertx = Vertx.vertx();
        JobProgress atStop;
        try (ApiNode node = ApiNode.start(vertx, config(32 * 1024))) {
            try (S3Client s3 = client(node)) {
                s3.createBucket(b -> b.bucket("resume"));
                for (int i = 0; i < OBJECTS; i++) {
                    String key = String.format("k%04d", i);
                    s3.putObject(b -> b.bucket("resume").key(key), RequestBody.fromBytes(TestData.random(4096, i)));
                }
            }
            GranaryServerExtension.emptyDirectory(dataDir.resolve("node-2"));
            HealPass heal = node.recovery().heal();
            heal.start(null).toCompletionStage().toCompletableFuture().get();
            atStop = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                    .until(heal::progress, progress -> progress.objectsScanned() > 0);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
        assertEquals(JobProgress.State.RUNNING, atStop.state(), "the pass must be cut off mid-way: " + atStop);
        assertTrue(atStop.objectsScanned() > 0 && atStop.objectsScanned() < OBJECTS, atStop.toString());

        Vertx again = Vertx.vertx();
        try (ApiNode node = ApiNode.start(again, config(0))) {
            HealPass heal = node.recovery().heal();
            JobProgress done = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                    .until(heal::progress, progress -> progress.state() == JobProgress.State.DONE);
            assertTrue(done.clean(), done.toString());
            assertEquals(atStop.startedMillis(), done.startedMillis(), "the same pass, resumed");
            assertEquals(OBJECTS, done.objectsScanned(), "no object counted twice or skipped");
            // Counters resume from the last checkpoint: what the page in flight at the stop repaired is found
            // whole on the re-check and not counted again.
            assertTrue(done.shardsRepaired() > OBJECTS - 64 && done.shardsRepaired() <= OBJECTS, done.toString());
            assertEquals(OBJECTS, ShardFiles.committedShards(dataDir.resolve("node-2")));
            try (S3Client s3 = client(node)) {
                assertArrayEquals(TestData.random(4096, 7), s3.getObjectAsBytes(b -> b.bucket("resume")
                        .key("k0007")).asByteArray());
            }
        } finally {
            again.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    private ApiNode.Config config(long healBytesPerSecond) {
        return ApiNode.Config.embedded(dataDir, "127.0.0.1", 0, ROOT)
                .withBackground(BackgroundSettings.defaults().withHealRate(healBytesPerSecond))
                .withShardStores(GranaryServerExtension.FILE_SHARDS);
    }

    private static S3Client client(ApiNode node) {
        return S3Clients.sync(URI.create("http://127.0.0.1:" + node.port()), S3Clients.ChecksumSetting.SDK_DEFAULT);
    }
}
