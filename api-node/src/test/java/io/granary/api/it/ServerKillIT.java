package io.granary.api.it;

import static io.granary.api.it.TestData.MIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.granary.api.it.S3Clients.ChecksumSetting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * Crash safety (issue 8): the embedded server runs as a child JVM that is killed with SIGKILL and
 * restarted on the same data directory and port. Acknowledged parts of an open multipart upload and
 * acknowledged objects must survive the kill bit-exact, and the upload must continue after restart.
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

    /** A fresh client per server life, so no pooled connection to the killed JVM is reused. */
    private S3Client client() {
        return S3Clients.sync(server.endpoint(), ChecksumSetting.SDK_DEFAULT);
    }

    private String uploadPart(S3Client s3, String upload, int number, byte[] data) {
        return s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(upload).partNumber(number),
                RequestBody.fromBytes(data)).eTag();
    }
}
