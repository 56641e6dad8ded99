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
import io.granary.iam.CreatedAccount;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Users created through the IAM API making real S3 requests with their own keys: what each policy
 * lets through and what it refuses, as AWS evaluates (no policy: nothing; explicit Deny wins; group
 * policies count; a disabled key stops at once; a new key works at once; the Docker registry's
 * documented policy; a session policy narrows an assumed role; across accounts both the bucket policy
 * and the caller's own policy must allow, and an account sees only its own buckets).
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

    @Test
    void dockerRegistryPolicyPushesPullsAndDeletes() {
        String b = "arn:aws:s3:::" + bucket;
        AccessKey key = user(policy(
                statement("Allow", "[\"s3:ListBucket\",\"s3:GetBucketLocation\",\"s3:ListBucketMultipartUploads\"]",
                        "\"" + b + "\""),
                statement("Allow", "[\"s3:PutObject\",\"s3:GetObject\",\"s3:DeleteObject\","
                        + "\"s3:ListMultipartUploadParts\",\"s3:AbortMultipartUpload\"]", "\"" + b + "/*\"")));
        try (S3Client s3 = IamClients.s3(SERVER.endpoint(), IamClients.of(key))) {
            s3.putObject(r -> r.bucket(bucket).key("docker/registry/v2/blobs/a"), RequestBody.fromString("layer"));
            s3.putObject(r -> r.bucket(bucket).key("docker/registry/v2/blobs/b"), RequestBody.fromString("layer"));
            assertEquals("layer", read(s3, bucket, "docker/registry/v2/blobs/a"));
            var deleted = s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(
                    o -> o.key("docker/registry/v2/blobs/a"), o -> o.key("docker/registry/v2/blobs/b"))));
            assertEquals(2, deleted.deleted().size(), deleted::toString);
            assertEquals(0, s3.listObjectsV2(r -> r.bucket(bucket).prefix("docker/")).keyCount());
        }
    }

    @Test
    void assumedRoleSessionPolicyNarrowsTheRoleOnS3() {
        String user = name("assumer");
        iam.createUser(r -> r.userName(user));
        AccessKey key = iam.createAccessKey(r -> r.userName(user)).accessKey();
        String account = SERVER.node().iam().systemAccount().accountId();
        String role = name("rw");
        String roleArn = iam.createRole(r -> r.roleName(role).assumeRolePolicyDocument(policy("{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + account + ":user/" + user + "\"},\"Action\":"
                + "\"sts:AssumeRole\"}"))).role().arn();
        iam.putRolePolicy(r -> r.roleName(role).policyName("rw").policyDocument(policy(statement("Allow",
                "[\"s3:GetObject\",\"s3:PutObject\"]", "\"arn:aws:s3:::" + bucket + "/*\""))));
        try (StsClient sts = IamClients.sts(SERVER.endpoint(), IamClients.of(key))) {
            Credentials full = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("full")).credentials();
            Credentials narrow = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("narrow").policy(policy(
                    statement("Allow", "\"s3:GetObject\"", "\"*\"")))).credentials();
            try (S3Client asFull = IamClients.s3(SERVER.endpoint(), IamClients.of(full));
                    S3Client asNarrow = IamClients.s3(SERVER.endpoint(), IamClients.of(narrow))) {
                asFull.putObject(r -> r.bucket(bucket).key("role/1"), RequestBody.fromString("by role"));
                assertEquals("by role", read(asNarrow, bucket, "role/1"));
                assertAwsError(403, "AccessDenied", () -> asNarrow.putObject(r -> r.bucket(bucket).key("role/2"),
                        RequestBody.fromString("x")));
                assertAwsError(403, "AccessDenied", () -> read(asFull, otherBucket, "seed"));
            }
        }
    }

    @Test
    void crossAccountNeedsTheBucketPolicyAndTheCallersOwnPolicy() {
        CreatedAccount other = SERVER.node().iam().createAccount(name("partner"));
        AwsCredentials partnerRoot = AwsBasicCredentials.create(other.rootKey().accessKeyId(),
                other.rootKey().secretKey());
        String partnerUser = name("reader");
        try (IamClient partnerIam = IamClients.iam(SERVER.endpoint(), partnerRoot);
                S3Client partnerRootS3 = IamClients.s3(SERVER.endpoint(), partnerRoot)) {
            partnerIam.createUser(r -> r.userName(partnerUser));
            AccessKey key = partnerIam.createAccessKey(r -> r.userName(partnerUser)).accessKey();
            String shared = GranaryServerExtension.newBucket();
            rootS3.createBucket(r -> r.bucket(shared));
            rootS3.putObject(r -> r.bucket(shared).key("report"), RequestBody.fromString("shared"));
            rootS3.putBucketPolicy(r -> r.bucket(shared).policy(policy("{\"Effect\":\"Allow\",\"Principal\":{"
                    + "\"AWS\":\"arn:aws:iam::" + other.account().accountId() + ":user/" + partnerUser + "\"},"
                    + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + shared + "/*\"}")));
            try (S3Client s3 = IamClients.s3(SERVER.endpoint(), IamClients.of(key))) {
                // The bucket policy alone is not enough across accounts: the caller's account must allow it too.
                assertAwsError(403, "AccessDenied", () -> read(s3, shared, "report"));
                partnerIam.putUserPolicy(r -> r.userName(partnerUser).policyName("read-partner").policyDocument(
                        policy(statement("Allow", "\"s3:GetObject\"", "\"*\""))));
                assertEquals("shared", read(s3, shared, "report"));
                assertAwsError(403, "AccessDenied", () -> read(s3, bucket, "seed"));
            }
            List<String> partnerBuckets = partnerRootS3.listBuckets().buckets().stream().map(b -> b.name()).toList();
            assertEquals(List.of(), partnerBuckets);
        }
    }
}
