package io.granary.api.it;

import static io.granary.api.it.IamFixtures.allow;
import static io.granary.api.it.TestData.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.iam.Account;
import io.granary.iam.CreatedAccount;
import io.granary.iam.CreatedAccessKey;
import io.granary.iam.EntityType;
import io.granary.iam.IamService;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;

/**
 * Buckets belong to accounts: another account can neither see nor touch them, bucket names stay global, and
 * access across accounts needs the bucket policy and (for users) the caller's own identity policy.
 */
@Timeout(120)
class AccountsIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static IamService iam;
    private static S3Client rootA;
    private static Account accountA;
    private static Account accountB;
    private static S3Client rootB;

    @BeforeAll
    static void twoAccounts() {
        iam = SERVER.node().iam();
        accountA = iam.systemAccount();
        rootA = S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.WHEN_REQUIRED);
        CreatedAccount b = iam.createAccount("team-b");
        accountB = b.account();
        rootB = IamFixtures.client(SERVER.endpoint(), b.rootKey());
    }

    private static String bucketOfA() {
        String bucket = GranaryServerExtension.newBucket();
        rootA.createBucket(r -> r.bucket(bucket));
        rootA.putObject(r -> r.bucket(bucket).key("report.txt"), RequestBody.fromString("numbers"));
        return bucket;
    }

    @Test
    void anAccountCannotSeeOrTouchAnothersBuckets() {
        String bucket = bucketOfA();
        String own = GranaryServerExtension.newBucket();
        rootB.createBucket(r -> r.bucket(own));

        ListBucketsResponse listedByB = rootB.listBuckets();
        assertEquals(java.util.List.of(own), listedByB.buckets().stream().map(x -> x.name()).toList());
        assertEquals(accountB.canonicalId(), listedByB.owner().id());
        assertEquals("team-b", listedByB.owner().displayName());
        ListBucketsResponse listedByA = rootA.listBuckets();
        assertTrue(listedByA.buckets().stream().anyMatch(x -> x.name().equals(bucket)));
        assertFalse(listedByA.buckets().stream().anyMatch(x -> x.name().equals(own)));
        assertEquals(accountA.canonicalId(), listedByA.owner().id());

        assertS3Error(403, "AccessDenied", () -> rootB.getObject(r -> r.bucket(bucket).key("report.txt")));
        assertS3Error(403, "AccessDenied", () -> rootB.putObject(r -> r.bucket(bucket).key("x"),
                RequestBody.fromString("x")));
        assertS3Error(403, "AccessDenied", () -> rootB.listObjectsV2(r -> r.bucket(bucket)));
        assertS3Error(403, "AccessDenied", () -> rootB.deleteBucket(r -> r.bucket(bucket)));
        assertS3Error(403, "AccessDenied", () -> rootB.getBucketPolicy(r -> r.bucket(bucket)));
        assertS3Error(409, "BucketAlreadyExists", () -> rootB.createBucket(r -> r.bucket(bucket)));
        rootA.createBucket(r -> r.bucket(bucket));
        assertEquals(accountA.canonicalId(), rootA.getBucketAcl(r -> r.bucket(bucket)).owner().id());
        assertEquals(accountB.canonicalId(), rootB.getBucketAcl(r -> r.bucket(own)).owner().id());
        assertEquals(accountA.canonicalId(), rootA.listObjectsV2(r -> r.bucket(bucket).fetchOwner(true))
                .contents().get(0).owner().id());
    }

    @Test
    void aCrossAccountBucketPolicyGrantsReadToTheOtherAccount() {
        String bucket = bucketOfA();
        rootA.putBucketPolicy(r -> r.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + accountB.accountId() + ":root\"},\"Action\":"
                + "[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::" + bucket + "\",\"arn:aws:s3:::"
                + bucket + "/*\"]}]}"));
        // B's root needs no identity policy of its own; writing stays refused.
        assertEquals("numbers", rootB.getObjectAsBytes(r -> r.bucket(bucket).key("report.txt")).asUtf8String());
        assertEquals(1, rootB.listObjectsV2(r -> r.bucket(bucket)).keyCount());
        assertS3Error(403, "AccessDenied", () -> rootB.putObject(r -> r.bucket(bucket).key("x"),
                RequestBody.fromString("x")));

        // B's user needs its own account's permission too.
        String name = "reader-" + UUID.randomUUID().toString().substring(0, 8);
        CreatedAccessKey key = IamFixtures.user(iam, accountB.accountId(), name, null);
        S3Client userB = IamFixtures.client(SERVER.endpoint(), key);
        assertS3Error(403, "AccessDenied", () -> userB.getObject(r -> r.bucket(bucket).key("report.txt")));
        iam.putInlinePolicy(EntityType.USER, accountB.accountId(), name, "read-a",
                allow("\"s3:GetObject\"", "\"arn:aws:s3:::" + bucket + "/*\""));
        assertEquals("numbers", userB.getObjectAsBytes(r -> r.bucket(bucket).key("report.txt")).asUtf8String());
        assertS3Error(403, "AccessDenied", () -> userB.listObjectsV2(r -> r.bucket(bucket)));
        io.granary.iam.AccessKeyLastUsed used = iam.getAccessKeyLastUsed(accountB.accountId(), key.accessKeyId());
        assertEquals("s3", used.serviceName());
        assertEquals("us-east-1", used.region());
        assertTrue(used.lastUsedEpochMillis() > 0);

        // A user of A with no policy can do nothing, even in its own account.
        S3Client userA = IamFixtures.client(SERVER.endpoint(), IamFixtures.user(iam, accountA.accountId(),
                "nobody-" + UUID.randomUUID().toString().substring(0, 8), null));
        assertS3Error(403, "AccessDenied", () -> userA.getObject(r -> r.bucket(bucket).key("report.txt")));
    }
}
