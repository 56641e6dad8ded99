package io.granary.api.it;

import static io.granary.api.it.TestData.MIB;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.it.S3Clients.ChecksumSetting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * Crash safety (issue 8): the embedded server runs as a child JVM that is killed with SIGKILL and
 * restarted on the same data directory and port. Acknowledged parts of an open multipart upload,
 * acknowledged objects and every acknowledged version of versioned overwrites must survive the kill
 * bit-exact, and the upload must continue after restart.
 */
@Timeout(120)
class ServerKillIT {
    private static final int PART = 5 * MIB;

    @TempDir
    Path dataDir;
    @TempDir
    Path logDir;

    private ChildServer server;
    private String bucket;

    @BeforeEach
    void startServerAndCreateBucket() throws Exception {
        server = ChildServer.start(dataDir, logDir);
        bucket = GranaryServerExtension.newBucket();
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    @AfterEach
    void killServer() throws InterruptedException {
        server.close();
    }

    @Test
    void multipartUploadContinuesAndCompletesAfterKillNineBetweenParts() throws Exception {
        byte[][] parts = {TestData.random(PART, 1), TestData.random(PART, 2), TestData.random(1234, 3)};
        List<String> etags = new ArrayList<>();
        String upload;
        try (S3Client s3 = client()) {
            upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp")).uploadId();
            etags.add(uploadPart(s3, upload, 1, parts[0]));
            etags.add(uploadPart(s3, upload, 2, parts[1]));
        }
        server.kill();
        server.restart();
        try (S3Client s3 = client()) {
            etags.add(uploadPart(s3, upload, 3, parts[2]));
            List<Part> listed = s3.listParts(b -> b.bucket(bucket).key("mp").uploadId(upload)).parts();
            assertEquals(List.of(1, 2, 3), listed.stream().map(Part::partNumber).toList());
            assertEquals(etags, listed.stream().map(Part::eTag).toList());
            List<CompletedPart> completed = new ArrayList<>();
            for (int i = 0; i < etags.size(); i++) {
                completed.add(CompletedPart.builder().partNumber(i + 1).eTag(etags.get(i)).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(upload)
                    .multipartUpload(m -> m.parts(completed)));
            assertArrayEquals(TestData.digest("SHA-256", parts),
                    TestData.digest("SHA-256", s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp")).asByteArray()));
        }
    }

    @Test
    void acknowledgedObjectIsReadableBitExactAfterKillNine() throws Exception {
        byte[] data = TestData.random(3 * MIB + 17, 9);
        try (S3Client s3 = client()) {
            s3.putObject(b -> b.bucket(bucket).key("obj"), RequestBody.fromBytes(data));
        }
        server.kill();
        server.restart();
        try (S3Client s3 = client()) {
            assertArrayEquals(TestData.digest("SHA-256", data),
                    TestData.digest("SHA-256", s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj")).asByteArray()));
        }
    }

    @Test
    void everyAcknowledgedVersionSurvivesAKillNineDuringVersionedOverwrites() throws Exception {
        record Acked(String key, String versionId, int seed) {
        }
        List<Acked> acked = Collections.synchronizedList(new ArrayList<>());
        try (S3Client s3 = client()) {
            s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v
                    .status(BucketVersioningStatus.ENABLED)));
        }
        Thread writer = new Thread(() -> {
            try (S3Client s3 = client()) {
                for (int seed = 0; seed < 10_000; seed++) {
                    String key = "hot-" + (seed % 3);
                    byte[] data = TestData.random(4096 + seed * 37 % 200_000, seed);
                    String versionId = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data))
                            .versionId();
                    acked.add(new Acked(key, versionId, seed));
                }
            } catch (RuntimeException killed) {
                // The server died under the writer: everything acknowledged so far must have survived.
            }
        }, "versioned-writer");
        writer.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> acked.size() >= 40);
        server.kill();
        writer.join(60_000);
        server.restart();
        try (S3Client s3 = client()) {
            Set<String> listed = new HashSet<>();
            s3.listObjectVersionsPaginator(b -> b.bucket(bucket)).versions()
                    .forEach(v -> listed.add(v.key() + "@" + v.versionId()));
            for (Acked version : List.copyOf(acked)) {
                assertTrue(listed.contains(version.key() + "@" + version.versionId()), version.toString());
                byte[] expected = TestData.random(4096 + version.seed() * 37 % 200_000, version.seed());
                assertArrayEquals(expected, s3.getObjectAsBytes(b -> b.bucket(bucket).key(version.key())
                        .versionId(version.versionId())).asByteArray(), version.toString());
            }
        }
    }

    /** A fresh client per server life, so no pooled connection to the killed JVM is reused. */
    private S3Client client() {
        return S3Clients.sync(server.endpoint(), ChecksumSetting.SDK_DEFAULT);
    }

    private String uploadPart(S3Client s3, String upload, int number, byte[] data) {
        return s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(upload).partNumber(number),
                RequestBody.fromBytes(data)).eTag();
    }
}
