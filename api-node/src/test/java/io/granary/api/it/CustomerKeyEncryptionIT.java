package io.granary.api.it;

import static io.granary.api.it.TestData.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * SSE-C end to end through the SDK v2: the client's key encrypts, every read, part and copy source must present
 * it again (missing is 400, another key 403), copies move between SSE-C, SSE-S3 and clear, bad key headers get
 * AWS's errors, and neither the key nor the plaintext is on disk.
 */
@Timeout(180)
class CustomerKeyEncryptionIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final Key KEY = new Key(TestData.random(32, 7));
    private static final Key OTHER = new Key(TestData.random(32, 8));

    private S3Client s3;
    private String bucket;

    /** A 256-bit key as the SDK sends it: base64, and the base64 MD5 of it. */
    record Key(byte[] raw) {
        String base64() {
            return Base64.getEncoder().encodeToString(raw);
        }

        String md5() {
            try {
                return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(raw));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @BeforeEach
    void clientAndBucket() {
        s3 = S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.SDK_DEFAULT);
        bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
    }

    private PutObjectResponse put(String key, byte[] data, Key customer) {
        return s3.putObject(b -> b.bucket(bucket).key(key).sseCustomerAlgorithm("AES256")
                .sseCustomerKey(customer.base64()).sseCustomerKeyMD5(customer.md5()), RequestBody.fromBytes(data));
    }

    private byte[] get(String key, Key customer) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).sseCustomerAlgorithm("AES256")
                .sseCustomerKey(customer.base64()).sseCustomerKeyMD5(customer.md5())).asByteArray();
    }

    @Test
    void anObjectUnderTheClientsKeyReadsBackOnlyWithThatKey() {
        byte[] data = TestData.random(200_000, 3);
        PutObjectResponse put = put("k", data, KEY);
        assertEquals("AES256", put.sseCustomerAlgorithm());
        assertEquals(KEY.md5(), put.sseCustomerKeyMD5());
        assertNull(put.serverSideEncryption());
        assertNotEquals("\"" + TestData.md5Hex(data) + "\"", put.eTag(), "an SSE-C ETag is opaque");
        assertArrayEquals(data, get("k", KEY));
        var ranged = s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").range("bytes=65530-65545")
                .sseCustomerAlgorithm("AES256").sseCustomerKey(KEY.base64()).sseCustomerKeyMD5(KEY.md5()));
        assertArrayEquals(Arrays.copyOfRange(data, 65530, 65546), ranged.asByteArray());
        assertEquals(KEY.md5(), ranged.response().sseCustomerKeyMD5());
        var head = s3.headObject(b -> b.bucket(bucket).key("k").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY.base64()).sseCustomerKeyMD5(KEY.md5()));
        assertEquals(200_000L, head.contentLength());
        assertEquals("AES256", head.sseCustomerAlgorithm());

        assertS3Error(400, "InvalidRequest", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")));
        assertS3Error(403, "AccessDenied", () -> get("k", OTHER));
        assertS3Error(400, null, () -> s3.headObject(b -> b.bucket(bucket).key("k")));
        assertS3Error(403, null, () -> s3.headObject(b -> b.bucket(bucket).key("k").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(OTHER.base64()).sseCustomerKeyMD5(OTHER.md5())));
        GetObjectAttributesResponse attributes = s3.getObjectAttributes(b -> b.bucket(bucket).key("k")
                .objectAttributes(ObjectAttributes.OBJECT_SIZE).sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY.base64()).sseCustomerKeyMD5(KEY.md5()));
        assertEquals(200_000L, attributes.objectSize());
        // A key given for an object that has none is refused too.
        s3.putObject(b -> b.bucket(bucket).key("clear"), RequestBody.fromString("clear"));
        assertS3Error(400, "InvalidRequest", () -> get("clear", KEY));
    }

    @Test
    void badKeyHeadersGetAwsErrors() {
        assertS3Error(400, "InvalidEncryptionAlgorithmError", () -> s3.putObject(b -> b.bucket(bucket).key("x")
                .sseCustomerAlgorithm("AES128").sseCustomerKey(KEY.base64()).sseCustomerKeyMD5(KEY.md5()),
                RequestBody.fromString("x")));
        assertS3Error(400, "InvalidArgument", () -> s3.putObject(b -> b.bucket(bucket).key("x")
                .sseCustomerAlgorithm("AES256").sseCustomerKey(KEY.base64()).sseCustomerKeyMD5(OTHER.md5()),
                RequestBody.fromString("x")));
        Key shortKey = new Key(TestData.random(16, 9));
        assertS3Error(400, "InvalidArgument", () -> s3.putObject(b -> b.bucket(bucket).key("x")
                .sseCustomerAlgorithm("AES256").sseCustomerKey(shortKey.base64()).sseCustomerKeyMD5(shortKey.md5()),
                RequestBody.fromString("x")));
        assertS3Error(400, "InvalidArgument", () -> s3.putObject(b -> b.bucket(bucket).key("x")
                .serverSideEncryption(ServerSideEncryption.AES256).sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY.base64()).sseCustomerKeyMD5(KEY.md5()), RequestBody.fromString("x")));
        assertS3Error(404, "NoSuchKey", () -> s3.headObject(b -> b.bucket(bucket).key("x")));
    }

    @Test
    void multipartPartsEachCarryTheKey() {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(KEY.base64()).sseCustomerKeyMD5(KEY.md5())).uploadId();
        byte[] first = TestData.random(5 * TestData.MIB, 4);
        byte[] second = TestData.random(100_000, 5);
        assertS3Error(400, "InvalidRequest", () -> s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(uploadId)
                .partNumber(1), RequestBody.fromBytes(first)));
        assertS3Error(403, "AccessDenied", () -> s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(uploadId)
                .partNumber(1).sseCustomerAlgorithm("AES256").sseCustomerKey(OTHER.base64())
                .sseCustomerKeyMD5(OTHER.md5()), RequestBody.fromBytes(first)));
        List<CompletedPart> parts = new ArrayList<>();
        int number = 1;
        for (byte[] part : List.of(first, second)) {
            int n = number++;
            var uploaded = s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(uploadId).partNumber(n)
                    .sseCustomerAlgorithm("AES256").sseCustomerKey(KEY.base64()).sseCustomerKeyMD5(KEY.md5()),
                    RequestBody.fromBytes(part));
            assertEquals(KEY.md5(), uploaded.sseCustomerKeyMD5());
            parts.add(CompletedPart.builder().partNumber(n).eTag(uploaded.eTag()).build());
        }
        assertS3Error(403, "AccessDenied", () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp")
                .uploadId(uploadId).multipartUpload(m -> m.parts(parts)).sseCustomerAlgorithm("AES256")
                .sseCustomerKey(OTHER.base64()).sseCustomerKeyMD5(OTHER.md5())));
        // Complete needs no key (the SDK sends none); boto3 sends it, and then it must be the upload's.
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));
        byte[] whole = new byte[first.length + second.length];
        System.arraycopy(first, 0, whole, 0, first.length);
        System.arraycopy(second, 0, whole, first.length, second.length);
        assertArrayEquals(whole, get("mp", KEY));
        // A range across the part boundary, decrypted under each part's own data key.
        var ranged = s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp").range("bytes=" + (first.length - 10) + "-"
                + (first.length + 10)).sseCustomerAlgorithm("AES256").sseCustomerKey(KEY.base64())
                .sseCustomerKeyMD5(KEY.md5()));
        assertArrayEquals(Arrays.copyOfRange(whole, first.length - 10, first.length + 11), ranged.asByteArray());
    }

    @Test
    void copiesReEncryptBetweenSseCSseS3AndClear() {
        byte[] data = TestData.random(150_000, 6);
        put("src", data, KEY);
        assertS3Error(400, "InvalidRequest", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("x")));
        var toS3 = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket)
                .destinationKey("s3").serverSideEncryption(ServerSideEncryption.AES256)
                .copySourceSSECustomerAlgorithm("AES256").copySourceSSECustomerKey(KEY.base64())
                .copySourceSSECustomerKeyMD5(KEY.md5()));
        assertEquals(ServerSideEncryption.AES256, toS3.serverSideEncryption());
        assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket(bucket).key("s3")).asByteArray());
        var rekeyed = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket)
                .destinationKey("src").copySourceSSECustomerAlgorithm("AES256")
                .copySourceSSECustomerKey(KEY.base64()).copySourceSSECustomerKeyMD5(KEY.md5())
                .sseCustomerAlgorithm("AES256").sseCustomerKey(OTHER.base64()).sseCustomerKeyMD5(OTHER.md5()));
        assertEquals(OTHER.md5(), rekeyed.sseCustomerKeyMD5());
        assertArrayEquals(data, get("src", OTHER));
        assertS3Error(403, "AccessDenied", () -> get("src", KEY));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("s3").destinationBucket(bucket).destinationKey("c")
                .sseCustomerAlgorithm("AES256").sseCustomerKey(KEY.base64()).sseCustomerKeyMD5(KEY.md5()));
        assertArrayEquals(data, get("c", KEY));

        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("parts")).uploadId();
        var part = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("c").destinationBucket(bucket)
                .destinationKey("parts").uploadId(uploadId).partNumber(1).copySourceSSECustomerAlgorithm("AES256")
                .copySourceSSECustomerKey(KEY.base64()).copySourceSSECustomerKeyMD5(KEY.md5()));
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("parts").uploadId(uploadId).multipartUpload(m -> m
                .parts(CompletedPart.builder().partNumber(1).eTag(part.copyPartResult().eTag()).build())));
        assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket(bucket).key("parts")).asByteArray());
    }

    @Test
    void neitherTheKeyNorThePlaintextIsStored() throws IOException {
        byte[] secret = "SSEC-SECRET-a4c2e ".repeat(40_000).getBytes(StandardCharsets.US_ASCII);
        put("secret", secret, KEY);
        put("small", Arrays.copyOf(secret, 2000), KEY);
        assertFalse(DataFiles.anyHolds(SERVER.dataDir(), "SSEC-SECRET-a4c2e".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(DataFiles.anyHolds(SERVER.dataDir(), KEY.raw()));
        assertFalse(DataFiles.anyHolds(SERVER.dataDir(), KEY.base64().getBytes(StandardCharsets.US_ASCII)));
        assertFalse(DataFiles.anyHolds(SERVER.dataDir(), KEY.md5().getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(secret, get("secret", KEY));
    }
}
