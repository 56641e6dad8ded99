package io.granary.api.it;

import static io.granary.api.it.TestData.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.granary.iam.CreatedAccessKey;
import io.granary.iam.IamService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * SSE-KMS against the built-in key store, end to end: keys made with {@code granary admin kms key}, objects
 * put and read under them through the SDK v2 (by ARN, alias and id; the AWS managed key when none is named),
 * a disabled key refusing reads and writes until enabled again, the encryption context, bucket default
 * encryption, multipart, copies between modes, the key-id policy condition and no plaintext on disk.
 */
@Timeout(180)
class KmsEncryptionIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();
    private static final String ARN = "arn:aws:kms:us-east-1:\\d{12}:key/[0-9a-f-]{36}";

    private S3Client s3;
    private String bucket;

    @BeforeEach
    void clientAndBucket() {
        s3 = S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.SDK_DEFAULT);
        bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
    }

    private static JsonNode createKey(String name) {
        return AdminCli.json(SERVER.endpoint(), "kms", "key", "create", name, "--json");
    }

    @Test
    void aKeyMadeWithTheAdminCliEncryptsAndADisabledKeyRefusesUntilEnabledAgain() {
        String name = "app-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode key = createKey(name);
        String arn = key.path("arn").asText();
        assertTrue(arn.matches(ARN), arn);
        assertEquals("Enabled", key.path("state").asText());
        JsonNode listed = AdminCli.json(SERVER.endpoint(), "kms", "key", "list", "--json");
        assertEquals("aws/s3", listed.get(0).path("name").asText());
        assertTrue(listed.toString().contains(arn), listed.toString());
        AdminCli.Result again = AdminCli.run(SERVER.endpoint(), "kms", "key", "create", name);
        assertEquals(1, again.exit(), again.out());

        byte[] data = TestData.random(200_000, 18);
        // The key by its ARN, its alias and its id: the same key each time.
        for (String ref : List.of(arn, "alias/" + name, key.path("keyId").asText())) {
            PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("k").serverSideEncryption(
                    ServerSideEncryption.AWS_KMS).ssekmsKeyId(ref), RequestBody.fromBytes(data));
            assertEquals(ServerSideEncryption.AWS_KMS, put.serverSideEncryption());
            assertEquals(arn, put.ssekmsKeyId());
            assertNotEquals("\"" + TestData.md5Hex(data) + "\"", put.eTag(), "an SSE-KMS ETag is opaque");
        }
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("k"));
        assertEquals(arn, head.ssekmsKeyId());
        var got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").range("bytes=65530-131080"));
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 65530, 131081), got.asByteArray());
        assertEquals(arn, got.response().ssekmsKeyId());

        AdminCli.json(SERVER.endpoint(), "kms", "key", "disable", name, "--json");
        assertS3Error(403, "KMS.DisabledException", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")));
        assertS3Error(403, "KMS.DisabledException", () -> s3.putObject(b -> b.bucket(bucket).key("k2")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(arn), RequestBody.fromString("x")));
        assertS3Error(403, "KMS.DisabledException", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("k")
                .destinationBucket(bucket).destinationKey("copy")));
        // Metadata stays readable: HEAD needs no key.
        assertEquals(arn, s3.headObject(b -> b.bucket(bucket).key("k")).ssekmsKeyId());
        JsonNode enabled = AdminCli.json(SERVER.endpoint(), "kms", "key", "enable", name, "--json");
        assertEquals("Enabled", enabled.path("state").asText());
        assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asByteArray());
    }

    @Test
    void withoutAKeyIdTheAccountsAwsManagedKeyIsUsedAndCannotBeDisabled() {
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("m").serverSideEncryption(
                ServerSideEncryption.AWS_KMS), RequestBody.fromString("managed"));
        JsonNode managed = AdminCli.json(SERVER.endpoint(), "kms", "key", "list", "--json").get(0);
        assertEquals(managed.path("arn").asText(), put.ssekmsKeyId());
        assertEquals("managed", s3.getObjectAsBytes(b -> b.bucket(bucket).key("m")).asUtf8String());
        AdminCli.Result refused = AdminCli.run(SERVER.endpoint(), "kms", "key", "disable", "aws/s3");
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("cannot be disabled"), refused.err());
    }

    @Test
    void unknownKeysOtherAccountsKeysAndMalformedHeadersAreRefused() {
        assertS3Error(400, "KMS.NotFoundException", () -> s3.putObject(b -> b.bucket(bucket).key("x")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId("alias/no-such-key"),
                RequestBody.fromString("x")));
        assertS3Error(403, "AccessDenied", () -> s3.putObject(b -> b.bucket(bucket).key("x")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId("arn:aws:kms:us-east-1:999999999999:key/" + UUID.randomUUID()),
                RequestBody.fromString("x")));
        assertS3Error(400, "InvalidArgument", () -> s3.putObject(b -> b.bucket(bucket).key("x")
                .ssekmsKeyId("alias/no-such-key"), RequestBody.fromString("x")));
        assertS3Error(400, "InvalidArgument", () -> s3.putObject(b -> b.bucket(bucket).key("x")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsEncryptionContext("not json"),
                RequestBody.fromString("x")));
        assertS3Error(400, "InvalidArgument", () -> s3.putObject(b -> b.bucket(bucket).key("x")
                .serverSideEncryption(ServerSideEncryption.AES256).ssekmsKeyId("alias/x"),
                RequestBody.fromString("x")));
        assertS3Error(404, "NoSuchKey", () -> s3.headObject(b -> b.bucket(bucket).key("x")));
    }

    @Test
    void theEncryptionContextAndBucketKeyFlagAreKeptAndEchoed() {
        String context = Base64.getEncoder().encodeToString("{\"project\":\"granary\"}".getBytes(
                StandardCharsets.UTF_8));
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("c").serverSideEncryption(
                ServerSideEncryption.AWS_KMS).ssekmsEncryptionContext(context).bucketKeyEnabled(true),
                RequestBody.fromString("in context"));
        assertEquals(Boolean.TRUE, put.bucketKeyEnabled());
        GetObjectResponse got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("c")).response();
        assertEquals(Boolean.TRUE, got.bucketKeyEnabled());
        assertEquals("in context", s3.getObjectAsBytes(b -> b.bucket(bucket).key("c")).asUtf8String());
    }

    @Test
    void bucketDefaultEncryptionWithAKmsKeyAppliesToWritesThatNameNone() {
        JsonNode key = createKey("default-" + UUID.randomUUID().toString().substring(0, 8));
        String arn = key.path("arn").asText();
        assertS3Error(400, "KMS.NotFoundException", () -> s3.putBucketEncryption(b -> b.bucket(bucket)
                .serverSideEncryptionConfiguration(c -> c.rules(r -> r.applyServerSideEncryptionByDefault(d -> d
                        .sseAlgorithm(ServerSideEncryption.AWS_KMS).kmsMasterKeyID("alias/missing"))))));
        s3.putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(r -> r
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS)
                        .kmsMasterKeyID(arn)))));
        assertEquals(arn, s3.getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration().rules()
                .get(0).applyServerSideEncryptionByDefault().kmsMasterKeyID());
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("d"), RequestBody.fromString("default"));
        assertEquals(ServerSideEncryption.AWS_KMS, put.serverSideEncryption());
        assertEquals(arn, put.ssekmsKeyId());
        // A write naming its own encryption keeps it.
        PutObjectResponse own = s3.putObject(b -> b.bucket(bucket).key("s3")
                .serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromString("own"));
        assertEquals(ServerSideEncryption.AES256, own.serverSideEncryption());
    }

    @Test
    void multipartUnderAKmsKeyAndCopiesBetweenModes() {
        String arn = createKey("mpu-" + UUID.randomUUID().toString().substring(0, 8)).path("arn").asText();
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(arn)).uploadId();
        byte[] first = TestData.random(5 * TestData.MIB, 1);
        byte[] second = TestData.random(70_000, 2);
        List<CompletedPart> parts = new ArrayList<>();
        int number = 1;
        for (byte[] part : List.of(first, second)) {
            int n = number++;
            var uploaded = s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(uploadId).partNumber(n),
                    RequestBody.fromBytes(part));
            assertEquals(arn, uploaded.ssekmsKeyId());
            parts.add(CompletedPart.builder().partNumber(n).eTag(uploaded.eTag()).build());
        }
        var completed = s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));
        assertEquals(ServerSideEncryption.AWS_KMS, completed.serverSideEncryption());
        byte[] whole = new byte[first.length + second.length];
        System.arraycopy(first, 0, whole, 0, first.length);
        System.arraycopy(second, 0, whole, first.length, second.length);
        assertArrayEquals(whole, s3.getObjectAsBytes(b -> b.bucket(bucket).key("mp")).asByteArray());

        var toS3 = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("mp").destinationBucket(bucket)
                .destinationKey("as-s3").serverSideEncryption(ServerSideEncryption.AES256));
        assertEquals(ServerSideEncryption.AES256, toS3.serverSideEncryption());
        assertNull(toS3.ssekmsKeyId());
        var toKms = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("as-s3").destinationBucket(bucket)
                .destinationKey("as-kms").serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(arn));
        assertEquals(arn, toKms.ssekmsKeyId());
        var clear = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("as-kms").destinationBucket(bucket)
                .destinationKey("clear"));
        assertNull(clear.serverSideEncryption());
        for (String key : List.of("as-s3", "as-kms", "clear")) {
            assertArrayEquals(whole, s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray(), key);
        }
    }

    @Test
    void aBucketPolicyCanRequireOneKmsKey() {
        String arn = createKey("policy-" + UUID.randomUUID().toString().substring(0, 8)).path("arn").asText();
        IamService iam = SERVER.node().iam();
        CreatedAccessKey user = IamFixtures.user(iam, iam.systemAccount().accountId(), "kms-" + bucket,
                IamFixtures.allow("[\"s3:PutObject\"]", "\"arn:aws:s3:::" + bucket + "/*\""));
        s3.putBucketPolicy(b -> b.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::" + bucket
                + "/*\",\"Condition\":{\"StringNotEquals\":{\"s3:x-amz-server-side-encryption-aws-kms-key-id\":\""
                + arn + "\"}}}]}"));
        try (S3Client client = IamFixtures.client(SERVER.endpoint(), user)) {
            assertS3Error(403, "AccessDenied", () -> client.putObject(b -> b.bucket(bucket).key("s3")
                    .serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromString("x")));
            client.putObject(b -> b.bucket(bucket).key("kms").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                    .ssekmsKeyId(arn), RequestBody.fromString("x"));
        }
    }

    @Test
    void noFileHoldsThePlaintextOfAKmsEncryptedObject() throws IOException {
        byte[] secret = "KMS-SECRET-5d1e8 ".repeat(40_000).getBytes(StandardCharsets.US_ASCII);
        s3.putObject(b -> b.bucket(bucket).key("secret").serverSideEncryption(ServerSideEncryption.AWS_KMS),
                RequestBody.fromBytes(secret));
        assertFalse(DataFiles.anyHolds(SERVER.dataDir(), "KMS-SECRET-5d1e8".getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(secret, s3.getObjectAsBytes(b -> b.bucket(bucket).key("secret")).asByteArray());
    }
}
