package io.granary.api.it.cluster;

import static io.granary.api.it.TestData.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.granary.api.it.GranaryServerExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Write quorum on real processes: a data-node JVM is killed with SIGKILL while 8 of 32 PUTs of 4-16 MiB
 * stream (one of them certainly mid-body), and every PUT still succeeds with five of six shards durable
 * and reads back bit-exact. PUTs placed while the node is down succeed too, and after the node restarts
 * on its own directory (with the shards it had, without those written while it was down) every object
 * still reads bit-exact.
 */
@Timeout(180)
class DataNodeKillDuringWritesIT {
    private static final int OBJECTS = 32;
    private static final int CONCURRENT = 8;
    private static final int VICTIM = 4;

    @RegisterExtension
    static final ProcessClusterExtension CLUSTER = new ProcessClusterExtension();

    private static ProcessCluster cluster;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void createBucket() {
        cluster = CLUSTER.cluster();
        s3 = cluster.client(CONCURRENT + 2);
        bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
    }

    @Test
    void putsSucceedAtQuorumAndReadBackBitExactWhenADataNodeIsKilledMidWrite() throws Exception {
        Path files = CLUSTER.scratch("objects");
        List<SeededObject> objects = new ArrayList<>(SeededObject.several(files, "object-", OBJECTS, 4 * MIB,
                16 * MIB, 42));
        SeededObject heldObject = SeededObject.create(files, "held", 9L * MIB + 5, 99, 0);
        try (ConcurrentPuts puts = new ConcurrentPuts(s3, bucket, CONCURRENT)) {
            puts.start(objects, heldObject);
            puts.awaitAcknowledgedAndHeld(CONCURRENT);
            cluster.kill(VICTIM);
            puts.held().release();
            Map<String, Throwable> failures = puts.failures(true);
            assertEquals(Map.of(), failures, "PUTs that failed although five of six data nodes were up");
        }
        objects.add(heldObject);
        SeededObject.assertAllReadBitExact(objects, s3, bucket, "with data node " + VICTIM + " killed");
        List<SeededObject> whileDown = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            whileDown.add(SeededObject.create(files, "while-down-" + i, (long) i * MIB + 17 * i, 200 + i, 0));
        }
        whileDown.add(SeededObject.create(files, "while-down-multipart", 11L * MIB + 3, 210, 5 * MIB));
        for (SeededObject object : whileDown) {
            object.upload(s3, bucket);
        }
        objects.addAll(whileDown);
        SeededObject.assertAllReadBitExact(objects, s3, bucket, "with data node " + VICTIM + " still down");
        cluster.restart(VICTIM);
        SeededObject.assertAllReadBitExact(objects, s3, bucket, "after data node " + VICTIM + " restarted");
    }
}
