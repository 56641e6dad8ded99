package io.granary.api.it.cluster;

import static io.granary.api.it.TestData.MIB;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.it.AdminCli;
import io.granary.api.it.GranaryServerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Crash consistency of the API node as a process: it is killed with SIGKILL while 64 PUTs of 1-8 MiB
 * stream at once (one of them certainly mid-body), then restarted on the same data directory. Every key
 * is then either absent (404) or complete and bit-exact, every acknowledged PUT is present, the listing
 * shows exactly the present keys, and the restarted node serves new writes. Shard files the cut-off PUTs
 * left on the data nodes (orphans) are counted, and can only belong to PUTs that were not acknowledged.
 */
@Timeout(180)
class ApiNodeKillIT {
    private static final int PUTS = 64;
    private static final int SHARDS = 6;

    @RegisterExtension
    static final ProcessClusterExtension CLUSTER = new ProcessClusterExtension();

    private static ProcessCluster cluster;
    private static String bucket;

    @BeforeAll
    static void createBucket() {
        cluster = CLUSTER.cluster();
        bucket = GranaryServerExtension.newBucket();
        try (S3Client s3 = cluster.client(1)) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    @Test
    void everyKeyIsAbsentOrBitExactAfterKillNineDuringSixtyFourConcurrentPuts() throws Exception {
        Path files = CLUSTER.scratch("objects");
        List<SeededObject> objects = SeededObject.several(files, "object-", PUTS - 1, MIB, 8 * MIB, 64);
        SeededObject heldObject = SeededObject.create(files, "held", 6L * MIB + 1, 999, 0);
        Set<String> acknowledged;
        int failed;
        try (S3Client s3 = cluster.client(PUTS + 1); ConcurrentPuts puts = new ConcurrentPuts(s3, bucket, PUTS - 1)) {
            puts.start(objects, heldObject);
            puts.awaitAcknowledgedAndHeld(8);
            cluster.killApiNode();
            puts.held().release();
            acknowledged = puts.acknowledgedKeys();
            failed = puts.failures(true).size();
        }
        objects.add(heldObject);
        assertFalse(acknowledged.contains(heldObject.key()), "the PUT held across the kill was acknowledged");
        cluster.restartApiNode();
        Set<String> present = new TreeSet<>();
        try (S3Client s3 = cluster.client(4)) {
            for (SeededObject object : objects) {
                if (isAbsent(s3, object)) continue;
                present.add(object.key());
                assertEquals(object.sha256(), object.readSha256(s3, bucket), object + " after the restart");
            }
            assertTrue(present.containsAll(acknowledged), "acknowledged " + acknowledged + ", present " + present);
            assertEquals(present, listedKeys(s3));
            s3.putObject(b -> b.bucket(bucket).key("after-restart"), RequestBody.fromString("still writable"));
            assertEquals("still writable", s3.getObjectAsBytes(b -> b.bucket(bucket).key("after-restart"))
                    .asUtf8String());
        }
        cluster.killApiNode();
        Set<Path> orphans = cluster.orphanShardFiles();
        System.out.printf("API node kill: %d of %d PUTs acknowledged, %d failed, %d present after restart, "
                + "%d orphan shard files%n", acknowledged.size(), PUTS, failed, present.size(), orphans.size());
        assertTrue(orphans.size() <= SHARDS * (PUTS - present.size()), "orphans " + orphans);
        cluster.restartApiNode();
        // Orphans are collected once older than the data nodes' grace (their file times): sweep until the files
        // seen above are gone. The sweep also deletes orphans stored in segments (small shards), which
        // orphanShardFiles cannot see, so the total may be larger.
        int[] swept = {0};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            AdminCli.Result sweep = AdminCli.run(cluster.endpoint(), "orphans");
            assertEquals(0, sweep.exit(), sweep.err());
            java.util.regex.Matcher deleted = java.util.regex.Pattern.compile("deleted (\\d+) orphan shard "
                    + "file\\(s\\)").matcher(sweep.out().strip());
            assertTrue(deleted.matches(), sweep.out());
            swept[0] += Integer.parseInt(deleted.group(1));
            return swept[0] >= orphans.size();
        });
        assertTrue(swept[0] <= SHARDS * (PUTS - present.size()), "swept " + swept[0] + ", orphan files "
                + orphans.size());
        cluster.killApiNode();
        assertEquals(Set.of(), cluster.orphanShardFiles(), "the sweep collected every orphan");
        cluster.restartApiNode();
    }

    private static boolean isAbsent(S3Client s3, SeededObject object) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(object.key()));
            return false;
        } catch (NoSuchKeyException e) {
            return true;
        }
    }

    private static Set<String> listedKeys(S3Client s3) {
        Set<String> keys = new TreeSet<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).forEach(keys::add);
        return keys;
    }
}
