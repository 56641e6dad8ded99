package io.granary.api.it.cluster;

import static org.awaitility.Awaitility.await;
import static io.granary.api.it.TestData.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.granary.api.it.AdminCli;
import io.granary.api.it.GranaryServerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * kill -9 of a data node in the middle of a full heal: the heal ends without losing or corrupting anything
 * (shards it could not rebuild are reported, not faked), and once the node is back a second heal completes
 * clean and every object reads bit-exact, also with two other nodes down.
 */
@Timeout(240)
class HealNodeKillIT {
    private static final int EMPTIED = 3;
    private static final int KILLED_MID_HEAL = 5;

    /** Slow enough that the heal is still running when the second node dies. */
    @RegisterExtension
    static final ProcessClusterExtension CLUSTER = new ProcessClusterExtension(List.of("--heal-rate", "3"));

    @Test
    void aDataNodeKilledMidHealCorruptsNothingAndTheNextHealCompletes() throws Exception {
        ProcessCluster cluster = CLUSTER.cluster();
        S3Client s3 = cluster.client(4);
        String bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        Path files = CLUSTER.scratch("objects");
        List<SeededObject> objects = SeededObject.several(files, "object-", 12, 4 * MIB, 8 * MIB, 9);
        for (SeededObject object : objects) {
            object.upload(s3, bucket);
        }

        cluster.kill(EMPTIED);
        GranaryServerExtension.emptyDirectory(cluster.dataNodeDir(EMPTIED));
        cluster.restart(EMPTIED);
        assertEquals(0, admin(cluster, "heal").exit());
        // Kill a node once the heal has repaired something and before it ends (it is paced to last).
        JsonNode midway = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> heal(cluster), h -> h.path("shardsRepaired").asLong() > 0
                        || !h.path("state").asText().equals("RUNNING"));
        assertEquals("RUNNING", midway.path("state").asText(), "the heal must still be running: " + midway);
        cluster.kill(KILLED_MID_HEAL);
        JsonNode interrupted = awaitHeal(cluster);
        assertTrue(interrupted.path("shardsRepaired").asLong() > 0, interrupted.toString());
        assertEquals("DONE", interrupted.path("state").asText(), interrupted.toString());
        SeededObject.assertAllReadBitExact(objects, s3, bucket, "after a heal interrupted by a dead node");

        cluster.restart(KILLED_MID_HEAL);
        AdminCli.Result second = admin(cluster, "heal", "--wait");
        assertEquals(0, second.exit(), second.out() + second.err());
        JsonNode clean = heal(cluster);
        assertEquals(0, clean.path("shardsFailed").asLong(), clean.toString());
        cluster.kill(1, 2);
        SeededObject.assertAllReadBitExact(objects, s3, bucket, "healed, with node-1 and node-2 down");
        cluster.restart(1, 2);
    }

    private static JsonNode awaitHeal(ProcessCluster cluster) throws Exception {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> heal(cluster), h -> !h.path("state").asText().equals("RUNNING"));
    }

    private static JsonNode heal(ProcessCluster cluster) {
        return AdminCli.json(cluster.endpoint(), "heal", "status");
    }

    private static AdminCli.Result admin(ProcessCluster cluster, String... command) {
        return AdminCli.run(cluster.endpoint(), command);
    }
}
