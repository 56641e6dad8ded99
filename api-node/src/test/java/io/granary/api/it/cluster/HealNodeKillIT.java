package io.granary.api.it.cluster;

import static org.awaitility.Awaitility.await;
import static io.granary.api.it.TestData.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.granary.api.it.AdminCli;
import io.granary.api.it.GranaryServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * kill -9 of a data node in the middle of a full heal: the heal ends without losing or corrupting anything
 * (shards it could not rebuild are reported, not faked), and once the node is back a second heal completes
 * clean and every object reads bit-exact, also with two other nodes down. And the heal worker mends the parts
 * of a multipart upload written while a node was down even when the upload was completed before it got to them.
 */
@Timeout(240)
class HealNodeKillIT {
    private static final int EMPTIED = 3;
    private static final int KILLED_MID_HEAL = 5;

    /** Slow enough that the heal is still running when the second node dies. */
    @RegisterExtension
    static final ProcessClusterExtension CLUSTER = new ProcessClusterExtension(List.of("--heal-rate", "3"));

    /** Each test starts with every node online in the API node's view: the other one ends restarting two. */
    @BeforeEach
    void allNodesOnline() {
        ProcessCluster cluster = CLUSTER.cluster();
        await("all data nodes online").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> status(cluster).path("nodes").findValuesAsText("state").stream()
                        .allMatch("ONLINE"::equals));
    }

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

    @Test
    void partsWrittenWithANodeDownAreHealedAfterTheirUploadCompleted() throws Exception {
        // The soak's object-23: with five nodes up each part's sixth shard is on no node, its heal task names the
        // upload, and the upload is complete before a node can take the shard. The worker re-pointed nothing then
        // (the upload was "gone"), deleted the shard it had rebuilt and left the object a shard short.
        ProcessCluster cluster = CLUSTER.cluster();
        S3Client s3 = cluster.client(4);
        String bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        SeededObject object = SeededObject.create(CLUSTER.scratch("parts"), "parts", 11 * MIB + 5, 23, 5 * MIB);
        long noticed = offlineNotices(cluster, "node-6");
        cluster.kill(6);
        // Placement must know the node is down (its health checker said so), or the shard would name it.
        await("the API node marks node-6 offline").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> offlineNotices(cluster, "node-6") > noticed);
        object.upload(s3, bucket);
        assertEquals(3, status(cluster).path("healQueue").asLong(), "one unplaced shard per part");

        cluster.restart(6);
        awaitNode(cluster, "node-6", "ONLINE");
        await("the heal worker settles the three tasks").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200)).until(() -> status(cluster).path("healQueue").asLong() == 0);
        cluster.kill(1, 2);
        SeededObject.assertAllReadBitExact(List.of(object), s3, bucket, "healed after completion, two nodes down");
        cluster.restart(1, 2);
    }

    private static long offlineNotices(ProcessCluster cluster, String node) throws IOException {
        try (Stream<String> lines = Files.lines(cluster.apiNodeLog())) {
            return lines.filter(line -> line.contains("data node " + node + " (") && line.contains("is offline"))
                    .count();
        }
    }

    private static void awaitNode(ProcessCluster cluster, String node, String state) {
        await(node + " " + state).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    for (JsonNode n : status(cluster).path("nodes")) {
                        if (n.path("id").asText().equals(node)) return n.path("state").asText().equals(state);
                    }
                    return false;
                });
    }

    private static JsonNode status(ProcessCluster cluster) {
        return AdminCli.json(cluster.endpoint(), "status", "--json");
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
