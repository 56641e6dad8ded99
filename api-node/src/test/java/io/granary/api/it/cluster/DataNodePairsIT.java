package io.granary.api.it.cluster;

import static io.granary.api.it.TestData.MIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.it.GranaryServerExtension;
import io.granary.api.it.S3Clients.ChecksumSetting;
import io.granary.api.it.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The promise of 4+2 erasure coding, on real processes: with any two of the six data-node JVMs killed
 * (all 15 pairs, each pair restarted before the next), every object from 0 B to 100 MiB, single PUT and
 * multipart, reads back bit-exact, whole and across stripe and part boundaries. With three killed, a read
 * that needs a lost chunk is refused with 503 ServiceUnavailable (or, once a 200 started, cut short: the
 * SDK throws) and never yields wrong bytes, writes are refused with 503, and after the restart every
 * object reads whole again. A GET that is streaming when the nodes of two data shards die finishes from
 * parity, bit-exact.
 */
@Timeout(240)
class DataNodePairsIT {
    private static final int STRIPE = MIB;
    private static final int SMALL_PART = 5 * MIB;
    /** Below this many bytes a read may need only chunks that survived, so three down can still serve it. */
    private static final long ALWAYS_NEEDS_ALL_DATA_SHARDS = 4;

    @RegisterExtension
    static final ProcessClusterExtension CLUSTER = new ProcessClusterExtension();

    private static final List<SeededObject> OBJECTS = new ArrayList<>();
    private static ProcessCluster cluster;
    private static S3Client s3;
    private static String bucket;
    private static Path files;

    @BeforeAll
    @Timeout(180)
    static void uploadObjects() throws Exception {
        cluster = CLUSTER.cluster();
        s3 = cluster.client(2);
        bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        files = CLUSTER.scratch("objects");
        OBJECTS.add(SeededObject.create(files, "empty", 0, 1, 0));
        OBJECTS.add(SeededObject.create(files, "one-byte", 1, 2, 0));
        OBJECTS.add(SeededObject.create(files, "few-kib", 4 * 1024 + 3, 3, 0));
        OBJECTS.add(SeededObject.create(files, "one-mib-plus-one", MIB + 1, 4, 0));
        OBJECTS.add(SeededObject.create(files, "seventeen-mib", 17L * MIB + 12_345, 5, 0));
        OBJECTS.add(SeededObject.create(files, "hundred-mib", 100L * MIB, 6, 0));
        OBJECTS.add(SeededObject.create(files, "multipart-small", 3L * SMALL_PART + 1_234, 7, SMALL_PART));
        OBJECTS.add(SeededObject.create(files, "multipart-hundred", 100L * MIB + 777, 8, 8 * MIB));
        for (SeededObject object : OBJECTS) {
            object.upload(s3, bucket);
        }
    }

    @Test
    void everyObjectReadsBitExactWithEachOfTheFifteenPairsOfDataNodesKilled() throws Exception {
        int pairs = 0;
        for (int first = 1; first <= ProcessCluster.DATA_NODES; first++) {
            for (int second = first + 1; second <= ProcessCluster.DATA_NODES; second++) {
                cluster.kill(first, second);
                try {
                    String down = "with data nodes " + first + " and " + second + " killed";
                    for (SeededObject object : OBJECTS) {
                        assertEquals(object.sha256(), object.readSha256(s3, bucket), object + " " + down);
                    }
                    assertRangesAcrossBoundariesExact(pairs, down);
                } finally {
                    cluster.restartStopped();
                }
                pairs++;
            }
        }
        assertEquals(15, pairs);
    }

    @Test
    void threeDataNodesKilledRefuseReadsAndWritesWith503AndNeverServeWrongBytes() throws Exception {
        int[] down = {1, 3, 5};
        cluster.kill(down);
        // The SDK would check a CRC of its own; without it only our digest decides what a complete body is.
        try (S3Client plain = cluster.client(4, ChecksumSetting.WHEN_REQUIRED)) {
            for (SeededObject object : OBJECTS) {
                assertNeverWrongBytes(plain, object);
            }
            TestData.assertS3Error(503, "ServiceUnavailable", () -> plain.putObject(b -> b.bucket(bucket)
                    .key("refused"), RequestBody.fromBytes(TestData.random(MIB, 10))));
            TestData.assertS3Error(503, "ServiceUnavailable", () -> plain.putObject(b -> b.bucket(bucket)
                    .key("refused-empty"), RequestBody.empty()));
            String upload = plain.createMultipartUpload(b -> b.bucket(bucket).key("refused-mp")).uploadId();
            RequestBody part = RequestBody.fromBytes(TestData.random(MIB, 11));
            TestData.assertS3Error(503, "ServiceUnavailable", () -> plain.uploadPart(b -> b.bucket(bucket)
                    .key("refused-mp").uploadId(upload).partNumber(1), part));
            plain.abortMultipartUpload(b -> b.bucket(bucket).key("refused-mp").uploadId(upload));
        } finally {
            cluster.restartStopped();
        }
        for (SeededObject object : OBJECTS) {
            assertEquals(object.sha256(), object.readSha256(s3, bucket), object + " after the restart");
        }
        TestData.assertS3Error(404, "NoSuchKey", () -> s3.headObject(b -> b.bucket(bucket).key("refused")));
    }

    @Test
    void aGetStreamingWhenTheNodesOfTwoDataShardsAreKilledEndsBitExact() throws Exception {
        SeededObject object = SeededObject.create(files, "read-while-killed", 64L * MIB + 9, 12, 0);
        Set<Path> before = cluster.dataNodeFiles();
        object.upload(s3, bucket);
        Set<Path> created = cluster.dataNodeFiles();
        created.removeAll(before);
        int[] victims = {cluster.nodeHoldingShard(created, 0), cluster.nodeHoldingShard(created, 2)};
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        try (InputStream body = s3.getObject(b -> b.bucket(bucket).key(object.key()))) {
            long read = 0;
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                digest.update(buffer, 0, n);
                read += n;
                // Kill only once the stream flows, so the remaining stripes must come from parity.
                if (read >= 4 * MIB && cluster.isRunning(victims[0])) cluster.kill(victims);
            }
        } finally {
            cluster.restartStopped();
        }
        assertEquals(object.sha256(), HexFormat.of().formatHex(digest.digest()), object + " with data nodes "
                + victims[0] + " and " + victims[1] + " (data shards 0 and 2) killed mid-stream");
    }

    /** A stripe boundary of the 17 MiB object and a part boundary of the small multipart object, per pair. */
    private static void assertRangesAcrossBoundariesExact(int pair, String down) throws IOException {
        SeededObject single = object("seventeen-mib");
        long stripeBoundary = (long) (1 + pair) * STRIPE;
        assertRangeExact(single, stripeBoundary - 100, stripeBoundary + 99, down);
        SeededObject multipart = object("multipart-small");
        long partBoundary = (long) (1 + pair % 3) * SMALL_PART;
        assertRangeExact(multipart, partBoundary - 3 * STRIPE / 2, partBoundary + 50, down);
    }

    private static void assertRangeExact(SeededObject object, long first, long last, String down)
            throws IOException {
        assertArrayEquals(object.bytes(first, last), object.readRange(s3, bucket, first, last),
                object + " bytes " + first + "-" + last + " " + down);
    }

    /**
     * Reads {@code object} with three data nodes down: a 503 ServiceUnavailable, or a body cut short
     * (the SDK throws), or, only for an object too small to need a lost chunk, exactly its bytes.
     */
    private static void assertNeverWrongBytes(S3Client plain, SeededObject object) throws IOException {
        String sha;
        try {
            sha = object.readSha256(plain, bucket);
        } catch (S3Exception e) {
            assertEquals(503, e.statusCode(), object + ": " + e.getMessage());
            assertEquals("ServiceUnavailable", e.awsErrorDetails().errorCode(), object + ": " + e.getMessage());
            System.out.println("three down: " + object + " refused with 503 ServiceUnavailable");
            return;
        } catch (IOException | SdkClientException cutShort) {
            System.out.println("three down: " + object + " cut short: " + cutShort);
            return;
        }
        System.out.println("three down: " + object + " served whole");
        assertTrue(object.size() < ALWAYS_NEEDS_ALL_DATA_SHARDS, object + " was served whole with three data "
                + "nodes down although it needs a lost chunk");
        assertEquals(object.sha256(), sha, object + " with three data nodes down");
    }

    private static SeededObject object(String key) {
        return OBJECTS.stream().filter(o -> o.key().equals(key)).findFirst().orElseThrow();
    }
}
