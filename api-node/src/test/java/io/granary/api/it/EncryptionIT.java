package io.granary.api.it;

import static io.granary.api.it.TestData.MIB;
import static io.granary.api.it.TestData.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.iam.CreatedAccessKey;
import io.granary.iam.IamService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * SSE-S3 end to end through the SDK v2 against the embedded server (SSE-KMS and SSE-C: {@link KmsEncryptionIT},
 * {@link CustomerKeyEncryptionIT}): every write that creates an object,
 * ranges across block boundaries, multipart, copies between modes, bucket default encryption, the
 * "deny unencrypted uploads" policy, and the data nodes' files holding no plaintext.
 */
@Timeout(180)
class EncryptionIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();
    private static final int BLOCK = 64 * 1024;

    private S3Client s3;
    private String bucket;

    @BeforeEach
    void clientAndBucket() {
        s3 = S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.SDK_DEFAULT);
        bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 3 * MIB + 17})
    void anEncryptedObjectReadsBackBitExactWithItsPlaintextSizeAndEtag(int size) {
        byte[] data = TestData.random(size, size);
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("k").serverSideEncryption(
                ServerSideEncryption.AES256), RequestBody.fromBytes(data));
        assertEquals(ServerSideEncryption.AES256, put.serverSideEncryption());
        assertEquals("\"" + TestData.md5Hex(data) + "\"", put.eTag());
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("k"));
        assertEquals(ServerSideEncryption.AES256, head.serverSideEncryption());
        assertEquals(size, head.contentLength());
        var got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("k"));
        assertEquals(ServerSideEncryption.AES256, got.response().serverSideEncryption());
        assertArrayEquals(data, got.asByteArray());
        assertEquals(size, s3.listObjectsV2(b -> b.bucket(bucket)).contents().get(0).size());
    }

    @Test
    void rangesAcrossBlockBoundariesDecryptOnlyWhatTheyTouch() {
        int size = 3 * MIB + 17;
        byte[] data = TestData.random(size, 5);
        s3.putObject(b -> b.bucket(bucket).key("r").serverSideEncryption(ServerSideEncryption.AES256),
                RequestBody.fromBytes(data));
        List<long[]> ranges = new ArrayList<>(List.of(new long[] {0, 0}, new long[] {BLOCK - 1, BLOCK},
                new long[] {BLOCK - 6, 4L * BLOCK + 3}, new long[] {size - 10, size - 1},
                new long[] {BLOCK, 2L * BLOCK - 1}, new long[] {1, size - 2}));
        Random random = new Random(11);
        for (int i = 0; i < 20; i++) {
            long first = random.nextInt(size);
            ranges.add(new long[] {first, Math.min(size - 1, first + random.nextInt(3 * BLOCK))});
        }
        for (long[] range : ranges) {
            byte[] got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=" + range[0] + "-"
                    + range[1])).asByteArray();
            assertArrayEquals(Arrays.copyOfRange(data, (int) range[0], (int) range[1] + 1), got,
                    range[0] + "-" + range[1]);
        }
        byte[] suffix = s3.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=-70000")).asByteArray();
        assertArrayEquals(Arrays.copyOfRange(data, size - 70000, size), suffix);
    }

    @Test
    void aMultipartUploadSealsEveryPartAndReadsAsOneObject() {
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp")
                .serverSideEncryption(ServerSideEncryption.AES256)).uploadId();
        int[] sizes = {5 * MIB, 5 * MIB + 3, MIB + 5};
        byte[][] parts = new byte[sizes.length][];
        List<CompletedPart> done = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            parts[i] = TestData.random(sizes[i], 100 + i);
            int number = i + 1;
            var uploaded = s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(id).partNumber(number),
                    RequestBody.fromBytes(parts[i]));
            assertEquals(ServerSideEncryption.AES256, uploaded.serverSideEncryption());
            done.add(CompletedPart.builder().partNumber(number).eTag(uploaded.eTag()).build());
        }
        assertEquals(List.of((long) sizes[0], (long) sizes[1], (long) sizes[2]), s3.listParts(b -> b.bucket(bucket)
                .key("mp").uploadId(id)).parts().stream().map(p -> p.size()).toList());
        var completed = s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(id)
                .multipartUpload(m -> m.parts(done)));
        assertEquals(ServerSideEncryption.AES256, completed.serverSideEncryption());
        byte[] whole = concat(parts);
        assertArrayEquals(whole, s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp")).asByteArray());
        assertArrayEquals(parts[1], s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp").partNumber(2))
                .asByteArray());
        int from = sizes[0] - 100;
        assertArrayEquals(Arrays.copyOfRange(whole, from, from + 300), s3.getObjectAsBytes(b -> b.bucket(bucket)
                .key("mp").range("bytes=" + from + "-" + (from + 299))).asByteArray());
        GetObjectAttributesResponse attributes = s3.getObjectAttributes(b -> b.bucket(bucket).key("mp")
                .objectAttributes(ObjectAttributes.OBJECT_PARTS, ObjectAttributes.OBJECT_SIZE));
        assertEquals(whole.length, attributes.objectSize());
        assertEquals(List.of((long) sizes[0], (long) sizes[1], (long) sizes[2]), attributes.objectParts().parts()
                .stream().map(p -> p.size()).toList());
    }

    @Test
    void copiesTakeTheirOwnEncryptionNotTheSources() {
        byte[] data = TestData.random(200_000, 9);
        s3.putObject(b -> b.bucket(bucket).key("plain"), RequestBody.fromBytes(data));
        var sealed = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("plain").destinationBucket(bucket)
                .destinationKey("sealed").serverSideEncryption(ServerSideEncryption.AES256));
        assertEquals(ServerSideEncryption.AES256, sealed.serverSideEncryption());
        var clear = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("sealed").destinationBucket(bucket)
                .destinationKey("clear"));
        assertNull(clear.serverSideEncryption());
        assertNull(s3.headObject(b -> b.bucket(bucket).key("clear")).serverSideEncryption());
        assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket(bucket).key("clear")).asByteArray());
        // Onto itself, changing only the encryption: the bytes are rewritten sealed.
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("plain").destinationBucket(bucket)
                .destinationKey("plain").serverSideEncryption(ServerSideEncryption.AES256));
        assertEquals(ServerSideEncryption.AES256, s3.headObject(b -> b.bucket(bucket).key("plain"))
                .serverSideEncryption());
        assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket(bucket).key("plain")).asByteArray());
        // A part copied out of a sealed object, from the middle of a block, into an upload in clear.
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("from-range")).uploadId();
        var part = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("sealed").destinationBucket(bucket)
                .destinationKey("from-range").uploadId(id).partNumber(1).copySourceRange("bytes=70000-150000"));
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("from-range").uploadId(id).multipartUpload(m -> m
                .parts(CompletedPart.builder().partNumber(1).eTag(part.copyPartResult().eTag()).build())));
        assertArrayEquals(Arrays.copyOfRange(data, 70000, 150001), s3.getObjectAsBytes(b -> b.bucket(bucket)
                .key("from-range")).asByteArray());
    }

    @Test
    void theBucketDefaultEncryptsWritesThatNameNone() {
        assertS3Error(404, "ServerSideEncryptionConfigurationNotFoundError",
                () -> s3.getBucketEncryption(b -> b.bucket(bucket)));
        s3.putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(r -> r
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256)))));
        assertEquals(ServerSideEncryption.AES256, s3.getBucketEncryption(b -> b.bucket(bucket))
                .serverSideEncryptionConfiguration().rules().get(0).applyServerSideEncryptionByDefault()
                .sseAlgorithm());
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("d"), RequestBody.fromString("by default"));
        assertEquals(ServerSideEncryption.AES256, put.serverSideEncryption());
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("d-mp")).uploadId();
        assertEquals(ServerSideEncryption.AES256, s3.uploadPart(b -> b.bucket(bucket).key("d-mp").uploadId(id)
                .partNumber(1), RequestBody.fromString("x")).serverSideEncryption());
        assertS3Error(501, "NotImplemented", () -> s3.putBucketEncryption(b -> b.bucket(bucket)
                .serverSideEncryptionConfiguration(c -> c.rules(r -> r.applyServerSideEncryptionByDefault(d -> d
                        .sseAlgorithm(ServerSideEncryption.AWS_KMS_DSSE))))));
        s3.deleteBucketEncryption(b -> b.bucket(bucket));
        assertNull(s3.putObject(b -> b.bucket(bucket).key("e"), RequestBody.fromString("clear"))
                .serverSideEncryption());
    }

    @Test
    void theDenyUnencryptedUploadsPolicyWorks() {
        IamService iam = SERVER.node().iam();
        CreatedAccessKey key = IamFixtures.user(iam, iam.systemAccount().accountId(), "sse-" + bucket,
                IamFixtures.allow("[\"s3:PutObject\",\"s3:GetObject\"]", "\"arn:aws:s3:::" + bucket + "/*\""));
        s3.putBucketPolicy(b -> b.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::" + bucket
                + "/*\",\"Condition\":{\"Null\":{\"s3:x-amz-server-side-encryption\":\"true\"}}}]}"));
        try (S3Client user = IamFixtures.client(SERVER.endpoint(), key)) {
            assertS3Error(403, "AccessDenied", () -> user.putObject(b -> b.bucket(bucket).key("no"),
                    RequestBody.fromString("clear")));
            user.putObject(b -> b.bucket(bucket).key("yes").serverSideEncryption(ServerSideEncryption.AES256),
                    RequestBody.fromString("sealed"));
        }
        assertEquals("sealed", s3.getObjectAsBytes(b -> b.bucket(bucket).key("yes")).asUtf8String());
    }

    @Test
    void noDataNodeFileHoldsTheEncryptedPlaintext() throws IOException {
        // Small objects go to segment files, large ones to shard files: both are searched.
        byte[] secret = "SECRET-MARKER-7f3a9 ".repeat(60_000).getBytes(StandardCharsets.US_ASCII);
        byte[] clear = "CLEAR-MARKER-1b2c3 ".repeat(60_000).getBytes(StandardCharsets.US_ASCII);
        s3.putObject(b -> b.bucket(bucket).key("big").serverSideEncryption(ServerSideEncryption.AES256),
                RequestBody.fromBytes(secret));
        s3.putObject(b -> b.bucket(bucket).key("small").serverSideEncryption(ServerSideEncryption.AES256),
                RequestBody.fromBytes(Arrays.copyOf(secret, 3000)));
        s3.putObject(b -> b.bucket(bucket).key("clear"), RequestBody.fromBytes(clear));
        byte[] marker = "SECRET-MARKER-7f3a9".getBytes(StandardCharsets.US_ASCII);
        // The search can find what is there: the object stored in clear is found.
        assertTrue(DataFiles.anyHolds(SERVER.dataDir(), "CLEAR-MARKER-1b2c3".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(DataFiles.anyHolds(SERVER.dataDir(), marker));
        assertArrayEquals(secret, s3.getObjectAsBytes(b -> b.bucket(bucket).key("big")).asByteArray());
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) length += part.length;
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
