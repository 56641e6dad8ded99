package io.granary.api.it;

import static io.granary.api.it.IamClients.assertAwsError;
import static io.granary.api.it.IamSdkIT.name;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Users created through the IAM API making real S3 requests with their own keys: what each policy
 * lets through and what it refuses, as AWS evaluates (no policy: nothing; explicit Deny wins; group
 * policies count; a disabled key stops at once; a new key works at once).
 */
@Timeout(120)
class IamPolicyMatrixIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static IamClient iam;
    private static S3Client rootS3;
    private static String bucket;
    private static String otherBucket;

    @BeforeAll
    static void setUp() {
        iam = IamClients.iam(SERVER.endpoint(), IamClients.root());
        rootS3 = IamClients.s3(SERVER.endpoint(), IamClients.root());
        bucket = GranaryServerExtension.newBucket();
        otherBucket = GranaryServerExtension.newBucket();
        for (String b : List.of(bucket, otherBucket)) {
            rootS3.createBucket(r -> r.bucket(b));
            rootS3.putObject(r -> r.bucket(b).key("seed"), RequestBody.fromString("seed"));
        }
    }

    @AfterAll
    static void close() {
        iam.close();
        rootS3.close();
    }

    private static String policy(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    private static String statement(String effect, String actions, String resources) {
        return "{\"Effect\":\"" + effect + "\",\"Action\":" + actions + ",\"Resource\":" + resources + "}";
    }

    /** A new user with the given inline policy (none when null) and one access key. */
    private static AccessKey user(String policy) {
        String user = name("app");
        iam.createUser(r -> r.userName(user));
        if (policy != null) iam.putUserPolicy(r -> r.userName(user).policyName("p").policyDocument(policy));
        return iam.createAccessKey(r -> r.userName(user)).accessKey();
    }

    private static String read(S3Client s3, String b, String key) {
        return s3.getObjectAsBytes(r -> r.bucket(b).key(key)).asUtf8String();
    }

    @Test
    void userWithoutPolicyCanDoNothing() {
        try (S3Client s3 = IamClients.s3(SERVER.endpoint(), IamClients.of(user(null)))) {
            assertAwsError(403, "AccessDenied", () -> read(s3, bucket, "seed"));
            assertAwsError(403, "AccessDenied", s3::listBuckets);
        }
    }

    @Test
    void readOnlyUserReadsEverywhereAndWritesNowhere() {
        AccessKey key = user(policy(statement("Allow", "[\"s3:GetObject\",\"s3:ListBucket\"]", "\"*\"")));
        try (S3Client s3 = IamClients.s3(SERVER.endpoint(), IamClients.of(key))) {
            assertEquals("seed", read(s3, bucket, "seed"));
            assertEquals("seed", read(s3, otherBucket, "seed"));
            assertEquals(1, s3.listObjectsV2(r -> r.bucket(bucket)).keyCount());
            assertAwsError(403, "AccessDenied", () -> s3.putObject(r -> r.bucket(bucket).key("w"),
                    RequestBody.fromString("x")));
            assertAwsError(403, "AccessDenied", () -> s3.deleteObject(r -> r.bucket(bucket).key("seed")));
        }
    }

    @Test
    void bucketScopedUserWorksInItsBucketOnly() {
        AccessKey key = user(policy(statement("Allow", "\"s3:*\"", "[\"arn:aws:s3:::" + bucket + "\",\"arn:aws:s3:::"
                + bucket + "/*\"]")));
        try (S3Client s3 = IamClients.s3(SERVER.endpoint(), IamClients.of(key))) {
            s3.putObject(r -> r.bucket(bucket).key("scoped/1"), RequestBody.fromString("mine"));
            assertEquals("mine", read(s3, bucket, "scoped/1"));
            assertEquals(1, s3.listObjectsV2(r -> r.bucket(bucket).prefix("scoped/")).keyCount());
            s3.deleteObject(r -> r.bucket(bucket).key("scoped/1"));
            assertAwsError(403, "AccessDenied", () -> read(s3, otherBucket, "seed"));
            assertAwsError(403, "AccessDenied", () -> s3.putObject(r -> r.bucket(otherBucket).key("x"),
                    RequestBody.fromString("x")));
            assertAwsError(403, "AccessDenied", s3::listBuckets);
        }
    }

    @Test
    void explicitDenyOverridesAnAllow() {
        AccessKey key = user(policy(statement("Allow", "\"s3:*\"", "\"*\""),
                statement("Deny", "\"s3:DeleteObject\"", "\"arn:aws:s3:::" + bucket + "/*\"")));
        try (S3Client s3 = IamClients.s3(SERVER.endpoint(), IamClients.of(key))) {
            s3.putObject(r -> r.bucket(bucket).key("deny/1"), RequestBody.fromString("kept"));
            assertAwsError(403, "AccessDenied", () -> s3.deleteObject(r -> r.bucket(bucket).key("deny/1")));
            assertEquals("kept", read(s3, bucket, "deny/1"));
            s3.putObject(r -> r.bucket(otherBucket).key("deny/1"), RequestBody.fromString("gone"));
            s3.deleteObject(r -> r.bucket(otherBucket).key("deny/1"));
        }
    }

    @Test
    void groupPolicyAppliesWhileTheUserIsAMember() {
        String user = name("grouped");
        String group = name("readers");
        iam.createUser(r -> r.userName(user));
        AccessKey key = iam.createAccessKey(r -> r.userName(user)).accessKey();
        iam.createGroup(r -> r.groupName(group));
        String arn = iam.createPolicy(r -> r.policyName(name("group-read")).policyDocument(policy(
                statement("Allow", "\"s3:GetObject\"", "\"arn:aws:s3:::" + bucket + "/*\"")))).policy().arn();
        iam.attachGroupPolicy(r -> r.groupName(group).policyArn(arn));
        try (S3Client s3 = IamClients.s3(SERVER.endpoint(), IamClients.of(key))) {
            assertAwsError(403, "AccessDenied", () -> read(s3, bucket, "seed"));
            iam.addUserToGroup(r -> r.groupName(group).userName(user));
            assertEquals("seed", read(s3, bucket, "seed"));
            iam.removeUserFromGroup(r -> r.groupName(group).userName(user));
            assertAwsError(403, "AccessDenied", () -> read(s3, bucket, "seed"));
        }
    }

    @Test
    void newKeyWorksAtOnceAndDisabledKeyStopsAtOnce() {
        String user = name("rotating");
        iam.createUser(r -> r.userName(user));
        iam.putUserPolicy(r -> r.userName(user).policyName("read").policyDocument(policy(
                statement("Allow", "\"s3:GetObject\"", "\"*\""))));
        AccessKey key = iam.createAccessKey(r -> r.userName(user)).accessKey();
        try (S3Client s3 = IamClients.s3(SERVER.endpoint(), IamClients.of(key))) {
            // The very first request with the key, right after CreateAccessKey answered.
            assertEquals("seed", read(s3, bucket, "seed"));
            iam.updateAccessKey(r -> r.userName(user).accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
            assertAwsError(403, "InvalidAccessKeyId", () -> read(s3, bucket, "seed"));
            iam.updateAccessKey(r -> r.userName(user).accessKeyId(key.accessKeyId()).status(StatusType.ACTIVE));
            assertEquals("seed", read(s3, bucket, "seed"));
            iam.deleteAccessKey(r -> r.userName(user).accessKeyId(key.accessKeyId()));
            assertAwsError(403, "InvalidAccessKeyId", () -> read(s3, bucket, "seed"));
        }
    }
}
