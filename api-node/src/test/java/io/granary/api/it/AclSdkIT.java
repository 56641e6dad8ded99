package io.granary.api.it;

import static io.granary.api.it.IamFixtures.allow;
import static io.granary.api.it.TestData.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.granary.iam.Account;
import io.granary.iam.CreatedAccount;
import io.granary.iam.IamService;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AccessControlPolicy;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.Type;

/**
 * ACLs across accounts through the AWS SDK v2: a grant to another account lets its root in and its users as
 * far as their identity policies allow; a WRITE grant on the bucket lets the other account write objects it then
 * owns (or the bucket owner owns, with BucketOwnerPreferred and bucket-owner-full-control); an explicit Deny in
 * the bucket policy beats any grant; ACLs set through AccessControlPolicy documents read back in order.
 */
@Timeout(120)
class AclSdkIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static IamService iam;
    private static S3Client rootA;
    private static Account accountA;
    private static Account accountB;
    private static S3Client rootB;
    private static S3Client rootC;

    @BeforeAll
    static void threeAccounts() {
        iam = SERVER.node().iam();
        accountA = iam.systemAccount();
        rootA = S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.WHEN_REQUIRED);
        CreatedAccount b = iam.createAccount("acl-b");
        accountB = b.account();
        rootB = IamFixtures.client(SERVER.endpoint(), b.rootKey());
        rootC = IamFixtures.client(SERVER.endpoint(), iam.createAccount("acl-c").rootKey());
    }

    private static String bucketOfA() {
        String bucket = GranaryServerExtension.newBucket();
        rootA.createBucket(r -> r.bucket(bucket));
        return bucket;
    }

    @Test
    void aReadGrantLetsTheOtherAccountsRootAndItsPermittedUsersRead() {
        String bucket = bucketOfA();
        rootA.putObject(r -> r.bucket(bucket).key("shared").grantRead("id=" + accountB.canonicalId()),
                RequestBody.fromString("for b"));
        rootA.putObject(r -> r.bucket(bucket).key("kept"), RequestBody.fromString("for a"));
        assertEquals("for b", rootB.getObjectAsBytes(r -> r.bucket(bucket).key("shared")).asUtf8String());
        assertS3Error(403, "AccessDenied", () -> rootB.getObject(r -> r.bucket(bucket).key("kept")));
        assertS3Error(403, "AccessDenied", () -> rootC.getObject(r -> r.bucket(bucket).key("shared")));
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        S3Client withoutPolicy = IamFixtures.client(SERVER.endpoint(),
                IamFixtures.user(iam, accountB.accountId(), "plain-" + suffix, null));
        assertS3Error(403, "AccessDenied", () -> withoutPolicy.getObject(r -> r.bucket(bucket).key("shared")));
        S3Client reader = IamFixtures.client(SERVER.endpoint(), IamFixtures.user(iam, accountB.accountId(),
                "reader-" + suffix, allow("\"s3:GetObject\"", "\"arn:aws:s3:::" + bucket + "/*\"")));
        assertEquals("for b", reader.getObjectAsBytes(r -> r.bucket(bucket).key("shared")).asUtf8String());
    }

    @Test
    void aBucketWriteGrantLetsTheOtherAccountWriteObjectsItOwns() {
        String bucket = bucketOfA();
        rootA.putBucketAcl(r -> r.bucket(bucket).grantWrite("id=" + accountB.canonicalId())
                .grantFullControl("id=" + accountA.canonicalId()));
        rootB.putObject(r -> r.bucket(bucket).key("by-b"), RequestBody.fromString("b wrote"));
        GetObjectAclResponse acl = rootB.getObjectAcl(r -> r.bucket(bucket).key("by-b"));
        assertEquals(accountB.canonicalId(), acl.owner().id());
        assertEquals("acl-b", acl.owner().displayName());
        assertEquals(List.of(Permission.FULL_CONTROL), acl.grants().stream().map(Grant::permission).toList());
        rootB.putObject(r -> r.bucket(bucket).key("for-owner").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL),
                RequestBody.fromString("b wrote"));
        List<Grant> grants = rootA.getObjectAcl(r -> r.bucket(bucket).key("for-owner")).grants();
        assertEquals(List.of(accountB.canonicalId(), accountA.canonicalId()), grants.stream()
                .map(g -> g.grantee().id()).toList());
        assertS3Error(403, "AccessDenied", () -> rootC.putObject(r -> r.bucket(bucket).key("by-c"),
                RequestBody.fromString("c")));
    }

    @Test
    void bucketOwnerPreferredGivesTheBucketOwnerWhatIsWrittenWithBucketOwnerFullControl() {
        String bucket = GranaryServerExtension.newBucket();
        rootA.createBucket(r -> r.bucket(bucket).objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED));
        rootA.putBucketAcl(r -> r.bucket(bucket).grantWrite("id=" + accountB.canonicalId()));
        assertEquals(ObjectOwnership.BUCKET_OWNER_PREFERRED, rootA.getBucketOwnershipControls(r -> r.bucket(bucket))
                .ownershipControls().rules().get(0).objectOwnership());
        rootB.putObject(r -> r.bucket(bucket).key("handed-over").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL),
                RequestBody.fromString("x"));
        rootB.putObject(r -> r.bucket(bucket).key("kept-by-b"), RequestBody.fromString("y"));
        assertEquals(accountA.canonicalId(), rootA.getObjectAcl(r -> r.bucket(bucket).key("handed-over")).owner().id());
        assertEquals(accountB.canonicalId(), rootB.getObjectAcl(r -> r.bucket(bucket).key("kept-by-b")).owner().id());
        assertS3Error(403, "AccessDenied", () -> rootB.getObject(r -> r.bucket(bucket).key("handed-over")));
    }

    @Test
    void anExplicitDenyBeatsAnAclGrantToAnotherAccount() {
        String bucket = bucketOfA();
        rootA.putObject(r -> r.bucket(bucket).key("granted").grantRead("id=" + accountB.canonicalId()),
                RequestBody.fromString("x"));
        assertEquals("x", rootB.getObjectAsBytes(r -> r.bucket(bucket).key("granted")).asUtf8String());
        rootA.putBucketPolicy(r -> r.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Deny\",\"Principal\":{\"AWS\":\"" + accountB.accountId() + "\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}"));
        assertS3Error(403, "AccessDenied", () -> rootB.getObject(r -> r.bucket(bucket).key("granted")));
    }

    @Test
    void anAccessControlPolicyReadsBackInOrderAndMultipartObjectsGetTheirAcl() {
        String bucket = bucketOfA();
        Grant group = Grant.builder().grantee(Grantee.builder().type(Type.GROUP)
                .uri("http://acs.amazonaws.com/groups/global/AuthenticatedUsers").build()).permission(Permission.READ)
                .build();
        Grant user = Grant.builder().grantee(Grantee.builder().type(Type.CANONICAL_USER).id(accountB.canonicalId())
                .build()).permission(Permission.READ_ACP).build();
        rootA.putBucketAcl(r -> r.bucket(bucket).accessControlPolicy(AccessControlPolicy.builder().owner(o -> o
                .id(accountA.canonicalId())).grants(group, user).build()));
        List<Grant> grants = rootA.getBucketAcl(r -> r.bucket(bucket)).grants();
        assertEquals(List.of(Permission.READ, Permission.READ_ACP), grants.stream().map(Grant::permission).toList());
        assertEquals(group.grantee().uri(), grants.get(0).grantee().uri());
        assertEquals(accountB.canonicalId(), grants.get(1).grantee().id());
        assertEquals("acl-b", grants.get(1).grantee().displayName());
        // AuthenticatedUsers READ on the bucket: any signed account may list it; READ_ACP lets b read the ACL.
        assertEquals(0, rootC.listObjectsV2(r -> r.bucket(bucket)).keyCount());
        assertEquals(2, rootB.getBucketAcl(r -> r.bucket(bucket)).grants().size());
        assertS3Error(403, "AccessDenied", () -> rootC.getBucketAcl(r -> r.bucket(bucket)));

        String uploadId = rootA.createMultipartUpload(r -> r.bucket(bucket).key("mpu").grantRead(
                "id=" + accountB.canonicalId())).uploadId();
        String etag = rootA.uploadPart(r -> r.bucket(bucket).key("mpu").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("parts")).eTag();
        rootA.completeMultipartUpload(r -> r.bucket(bucket).key("mpu").uploadId(uploadId).multipartUpload(m -> m
                .parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        assertEquals("parts", rootB.getObjectAsBytes(r -> r.bucket(bucket).key("mpu")).asUtf8String());
        assertS3Error(403, "AccessDenied", () -> rootC.getObject(r -> r.bucket(bucket).key("mpu")));
    }

    @Test
    void ownershipControlsAndPublicAccessBlockRoundTrip() {
        String bucket = bucketOfA();
        rootA.putBucketOwnershipControls(r -> r.bucket(bucket).ownershipControls(c -> c.rules(rule -> rule
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED))));
        assertS3Error(400, "AccessControlListNotSupported", () -> rootA.putObject(r -> r.bucket(bucket).key("k")
                .acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("x")));
        rootA.deleteBucketOwnershipControls(r -> r.bucket(bucket));
        assertS3Error(404, "OwnershipControlsNotFoundError", () -> rootA.getBucketOwnershipControls(r -> r
                .bucket(bucket)));
        rootA.putPublicAccessBlock(r -> r.bucket(bucket).publicAccessBlockConfiguration(c -> c.blockPublicAcls(true)
                .restrictPublicBuckets(true)));
        var stored = rootA.getPublicAccessBlock(r -> r.bucket(bucket)).publicAccessBlockConfiguration();
        assertEquals(List.of(true, false, false, true), List.of(stored.blockPublicAcls(), stored.ignorePublicAcls(),
                stored.blockPublicPolicy(), stored.restrictPublicBuckets()));
        assertS3Error(403, "AccessDenied", () -> rootA.putObject(r -> r.bucket(bucket).key("k")
                .acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("x")));
        rootA.deletePublicAccessBlock(r -> r.bucket(bucket));
        assertS3Error(404, "NoSuchPublicAccessBlockConfiguration", () -> rootA.getPublicAccessBlock(r -> r
                .bucket(bucket)));
    }
}
