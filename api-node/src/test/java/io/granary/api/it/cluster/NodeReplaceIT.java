package io.granary.api.it.cluster;

import static io.granary.api.it.TestData.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.granary.api.it.AdminCli;
import io.granary.api.it.GranaryServerExtension;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A data node dies for good and is replaced: {@code granary admin node replace node-3 --with URL --wait}
 * moves every shard that lived on node-3 to the new node-7, so the cluster again survives the loss of any
 * two of its live nodes (node-1 and node-2 are killed on top and everything still reads bit-exact). The
 * membership survives an API node restart.
 */
@Timeout(240)
class NodeReplaceIT {
    private static final int DEAD = 3;

    @RegisterExtension
    static final ProcessClusterExtension CLUSTER = new ProcessClusterExtension();

    @Test
    void aReplacedNodeGetsEveryShardOfTheDeadOneAndTheClusterSurvivesTwoMoreLosses() throws Exception {
        ProcessCluster cluster = CLUSTER.cluster();
        S3Client s3 = cluster.client(4);
        String bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        Path files = CLUSTER.scratch("objects");
        List<SeededObject> objects = new ArrayList<>(SeededObject.several(files, "object-", 10, 1, 3 * MIB, 5));
        objects.add(SeededObject.create(files, "multipart", 12L * MIB + 9, 6, 5 * MIB));
        for (SeededObject object : objects) {
            object.upload(s3, bucket);
        }
        int shardSets = objects.size() + 2;

        cluster.kill(DEAD);
        URI spare = cluster.startSpareDataNode();
        AdminCli.Result replace = admin(cluster, "node", "replace", "node-" + DEAD, "--with", spare.toString(),
                "--wait");
        assertEquals(0, replace.exit(), replace.out() + replace.err());

        JsonNode status = status(cluster);
        JsonNode dead = node(status, "node-" + DEAD);
        JsonNode added = node(status, "node-7");
        assertTrue(dead.path("retired").asBoolean(), status.toString());
        assertEquals("ONLINE", added.path("state").asText(), status.toString());
        assertEquals(spare.toString(), added.path("endpoint").asText());
        assertEquals(shardSets, added.path("shardCount").asLong(), "every shard set had one shard on the dead node");
        assertEquals(0, status.path("objects").path("degraded").asLong(), status.toString());

        cluster.kill(1, 2);
        SeededObject.assertAllReadBitExact(objects, s3, bucket, "with node-3 replaced and node-1, node-2 down");
        cluster.killApiNode();
        cluster.restartApiNode();
        JsonNode restarted = status(cluster);
        assertEquals(7, restarted.path("nodes").size(), restarted.toString());
        assertTrue(node(restarted, "node-" + DEAD).path("retired").asBoolean(), restarted.toString());
        SeededObject.assertAllReadBitExact(objects, cluster.client(2), bucket, "after the API node restarted");
    }

    private static JsonNode node(JsonNode status, String id) {
        for (JsonNode node : status.path("nodes")) {
            if (node.path("id").asText().equals(id)) return node;
        }
        throw new AssertionError("no " + id + " in " + status);
    }

    private static JsonNode status(ProcessCluster cluster) {
        return AdminCli.json(cluster.endpoint(), "status", "--json");
    }

    private static AdminCli.Result admin(ProcessCluster cluster, String... command) {
        return AdminCli.run(cluster.endpoint(), command);
    }
}
