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

    /** An account and a client signing as its root. */
    private record Tenant(Account account, S3Client root) {
        static Tenant create(String name) {
            CreatedAccount created = SERVER.node().iam().createAccount(name);
            return new Tenant(created.account(), IamFixtures.client(SERVER.endpoint(), created.rootKey()));
        }
    }

    private static IamService iam;
    /** The bucket owner (the system account), and two others. */
    private static Tenant a;
    private static Tenant b;
    private static Tenant c;

    @BeforeAll
    static void threeAccounts() {
        iam = SERVER.node().iam();
        a = new Tenant(iam.systemAccount(), S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.WHEN_REQUIRED));
        b = Tenant.create("acl-b");
        c = Tenant.create("acl-c");
    }

    private static String bucketOfA() {
        String bucket = GranaryServerExtension.newBucket();
        a.root().createBucket(r -> r.bucket(bucket));
        return bucket;
    }

    @Test
    void aReadGrantLetsTheOtherAccountsRootAndItsPermittedUsersRead() {
        String bucket = bucketOfA();
        a.root().putObject(r -> r.bucket(bucket).key("shared").grantRead("id=" + b.account().canonicalId()),
                RequestBody.fromString("for b"));
        a.root().putObject(r -> r.bucket(bucket).key("kept"), RequestBody.fromString("for a"));
        assertEquals("for b", b.root().getObjectAsBytes(r -> r.bucket(bucket).key("shared")).asUtf8String());
        assertS3Error(403, "AccessDenied", () -> b.root().getObject(r -> r.bucket(bucket).key("kept")));
        assertS3Error(403, "AccessDenied", () -> c.root().getObject(r -> r.bucket(bucket).key("shared")));
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        S3Client withoutPolicy = IamFixtures.client(SERVER.endpoint(),
                IamFixtures.user(iam, b.account().accountId(), "plain-" + suffix, null));
        assertS3Error(403, "AccessDenied", () -> withoutPolicy.getObject(r -> r.bucket(bucket).key("shared")));
        S3Client reader = IamFixtures.client(SERVER.endpoint(), IamFixtures.user(iam, b.account().accountId(),
                "reader-" + suffix, allow("\"s3:GetObject\"", "\"arn:aws:s3:::" + bucket + "/*\"")));
        assertEquals("for b", reader.getObjectAsBytes(r -> r.bucket(bucket).key("shared")).asUtf8String());
    }

    @Test
    void aBucketWriteGrantLetsTheOtherAccountWriteObjectsItOwns() {
        String bucket = bucketOfA();
        a.root().putBucketAcl(r -> r.bucket(bucket).grantWrite("id=" + b.account().canonicalId())
                .grantFullControl("id=" + a.account().canonicalId()));
        b.root().putObject(r -> r.bucket(bucket).key("by-b"), RequestBody.fromString("b wrote"));
        GetObjectAclResponse acl = b.root().getObjectAcl(r -> r.bucket(bucket).key("by-b"));
        assertEquals(b.account().canonicalId(), acl.owner().id());
        assertEquals("acl-b", acl.owner().displayName());
        assertEquals(List.of(Permission.FULL_CONTROL), acl.grants().stream().map(Grant::permission).toList());
        b.root().putObject(r -> r.bucket(bucket).key("for-owner").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL),
                RequestBody.fromString("b wrote"));
        List<Grant> grants = a.root().getObjectAcl(r -> r.bucket(bucket).key("for-owner")).grants();
        assertEquals(List.of(b.account().canonicalId(), a.account().canonicalId()), grants.stream()
                .map(g -> g.grantee().id()).toList());
        assertS3Error(403, "AccessDenied", () -> c.root().putObject(r -> r.bucket(bucket).key("by-c"),
                RequestBody.fromString("c")));
        a.root().putObject(r -> r.bucket(bucket).key("by-a"), RequestBody.fromString("a wrote"));
        // Listings show each object's own owner.
        assertEquals(List.of("by-a " + a.account().canonicalId(), "by-b " + b.account().canonicalId(),
                "for-owner " + b.account().canonicalId()), a.root().listObjectsV2(r -> r.bucket(bucket)
                .fetchOwner(true)).contents().stream().map(o -> o.key() + " " + o.owner().id()).toList());
    }

    @Test
    void bucketOwnerPreferredGivesTheBucketOwnerWhatIsWrittenWithBucketOwnerFullControl() {
        String bucket = GranaryServerExtension.newBucket();
        a.root().createBucket(r -> r.bucket(bucket).objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED));
        a.root().putBucketAcl(r -> r.bucket(bucket).grantWrite("id=" + b.account().canonicalId()));
        assertEquals(ObjectOwnership.BUCKET_OWNER_PREFERRED, a.root().getBucketOwnershipControls(r -> r.bucket(bucket))
                .ownershipControls().rules().get(0).objectOwnership());
        b.root().putObject(r -> r.bucket(bucket).key("handed-over").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL),
                RequestBody.fromString("x"));
        b.root().putObject(r -> r.bucket(bucket).key("kept-by-b"), RequestBody.fromString("y"));
        assertEquals(a.account().canonicalId(), a.root().getObjectAcl(r -> r.bucket(bucket).key("handed-over"))
                .owner().id());
        assertEquals(b.account().canonicalId(), b.root().getObjectAcl(r -> r.bucket(bucket).key("kept-by-b"))
                .owner().id());
        assertS3Error(403, "AccessDenied", () -> b.root().getObject(r -> r.bucket(bucket).key("handed-over")));
    }

    @Test
    void anExplicitDenyBeatsAnAclGrantToAnotherAccount() {
        String bucket = bucketOfA();
        a.root().putObject(r -> r.bucket(bucket).key("granted").grantRead("id=" + b.account().canonicalId()),
                RequestBody.fromString("x"));
        assertEquals("x", b.root().getObjectAsBytes(r -> r.bucket(bucket).key("granted")).asUtf8String());
        a.root().putBucketPolicy(r -> r.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Deny\",\"Principal\":{\"AWS\":\"" + b.account().accountId() + "\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}"));
        assertS3Error(403, "AccessDenied", () -> b.root().getObject(r -> r.bucket(bucket).key("granted")));
    }

    @Test
    void anAccessControlPolicyReadsBackInOrderAndMultipartObjectsGetTheirAcl() {
        String bucket = bucketOfA();
        Grant group = Grant.builder().grantee(Grantee.builder().type(Type.GROUP)
                .uri("http://acs.amazonaws.com/groups/global/AuthenticatedUsers").build()).permission(Permission.READ)
                .build();
        Grant user = Grant.builder().grantee(Grantee.builder().type(Type.CANONICAL_USER).id(b.account().canonicalId())
                .build()).permission(Permission.READ_ACP).build();
        a.root().putBucketAcl(r -> r.bucket(bucket).accessControlPolicy(AccessControlPolicy.builder().owner(o -> o
                .id(a.account().canonicalId())).grants(group, user).build()));
        List<Grant> grants = a.root().getBucketAcl(r -> r.bucket(bucket)).grants();
        assertEquals(List.of(Permission.READ, Permission.READ_ACP), grants.stream().map(Grant::permission).toList());
        assertEquals(group.grantee().uri(), grants.get(0).grantee().uri());
        assertEquals(b.account().canonicalId(), grants.get(1).grantee().id());
        assertEquals("acl-b", grants.get(1).grantee().displayName());
        // AuthenticatedUsers READ on the bucket: any signed account may list it; READ_ACP lets b read the ACL.
        assertEquals(0, c.root().listObjectsV2(r -> r.bucket(bucket)).keyCount());
        assertEquals(2, b.root().getBucketAcl(r -> r.bucket(bucket)).grants().size());
        assertS3Error(403, "AccessDenied", () -> c.root().getBucketAcl(r -> r.bucket(bucket)));

        String uploadId = a.root().createMultipartUpload(r -> r.bucket(bucket).key("mpu").grantRead(
                "id=" + b.account().canonicalId())).uploadId();
        String etag = a.root().uploadPart(r -> r.bucket(bucket).key("mpu").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("parts")).eTag();
        a.root().completeMultipartUpload(r -> r.bucket(bucket).key("mpu").uploadId(uploadId).multipartUpload(m -> m
                .parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        assertEquals("parts", b.root().getObjectAsBytes(r -> r.bucket(bucket).key("mpu")).asUtf8String());
        assertS3Error(403, "AccessDenied", () -> c.root().getObject(r -> r.bucket(bucket).key("mpu")));
    }

    @Test
    void ownershipControlsAndPublicAccessBlockRoundTrip() {
        String bucket = bucketOfA();
        a.root().putBucketOwnershipControls(r -> r.bucket(bucket).ownershipControls(controls -> controls
                .rules(rule -> rule.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED))));
        assertS3Error(400, "AccessControlListNotSupported", () -> a.root().putObject(r -> r.bucket(bucket).key("k")
                .acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("x")));
        a.root().deleteBucketOwnershipControls(r -> r.bucket(bucket));
        assertS3Error(404, "OwnershipControlsNotFoundError", () -> a.root().getBucketOwnershipControls(r -> r
                .bucket(bucket)));
        a.root().putPublicAccessBlock(r -> r.bucket(bucket).publicAccessBlockConfiguration(block -> block
                .blockPublicAcls(true).restrictPublicBuckets(true)));
        var stored = a.root().getPublicAccessBlock(r -> r.bucket(bucket)).publicAccessBlockConfiguration();
        assertEquals(List.of(true, false, false, true), List.of(stored.blockPublicAcls(), stored.ignorePublicAcls(),
                stored.blockPublicPolicy(), stored.restrictPublicBuckets()));
        assertS3Error(403, "AccessDenied", () -> a.root().putObject(r -> r.bucket(bucket).key("k")
                .acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("x")));
        a.root().deletePublicAccessBlock(r -> r.bucket(bucket));
        assertS3Error(404, "NoSuchPublicAccessBlockConfiguration", () -> a.root().getPublicAccessBlock(r -> r
                .bucket(bucket)));
    }
}
