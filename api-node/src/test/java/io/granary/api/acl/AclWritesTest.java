package io.granary.api.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.granary.api.auth.RocksIdentityStore;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.AclHeaders;
import io.granary.iam.Account;
import io.granary.iam.IamService;
import io.granary.iam.RootCredentials;
import io.granary.iam.SecretCipher;
import io.granary.metadata.MetadataOptions;
import io.granary.metadata.MetadataStore;
import io.granary.metadata.model.Acl;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.PublicAccessBlock;
import io.vertx.core.MultiMap;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** What a write may set, under each ownership rule and BlockPublicAcls, with IAM over a real RocksDB store. */
class AclWritesTest {
    private static final Map<String, String> ENV = Map.of(RootCredentials.ACCESS_KEY_ENV, "ACLROOTKEY",
            RootCredentials.SECRET_KEY_ENV, "aclrootsecret", SecretCipher.MASTER_KEY_ENV,
            Base64.getEncoder().encodeToString(new byte[32]));
    private static final AclHeaders NONE = AclHeaders.parse(MultiMap.caseInsensitiveMultiMap());

    @TempDir
    Path dataDir;
    private MetadataStore store;
    private AclWrites writes;
    private Account owner;
    private Account writer;

    @BeforeEach
    void openIam() {
        store = MetadataStore.open(dataDir.resolve("meta"), MetadataOptions.defaults());
        IamService iam = IamService.open(dataDir, ENV, new RocksIdentityStore(store.iam()));
        owner = iam.systemAccount();
        writer = iam.createAccount("writer").account();
        writes = new AclWrites(new Grantees(iam));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private BucketRecord bucket(String ownership, PublicAccessBlock block) {
        return new BucketRecord("photos", 1, owner.accountId(), 1L, "us-east-1", null, null, ownership, block, null,
                null);
    }

    private static AclHeaders canned(String name) {
        return AclHeaders.parse(MultiMap.caseInsensitiveMultiMap().add("x-amz-acl", name));
    }

    private static Acl.Grant full(Account account) {
        return new Acl.Grant(account.canonicalId(), null, Permissions.FULL_CONTROL);
    }

    private static void assertRefused(S3Error error, Executable call) {
        assertEquals(error, assertThrows(S3Exception.class, call).error());
    }

    @Test
    void theBucketOwnersPlainWritesStoreNothing() {
        assertNull(writes.forNewObject(NONE, owner.accountId(), bucket(null, null), owner.accountId()));
        assertNull(writes.forNewObject(NONE, null, bucket(null, null), owner.accountId()), "anonymous writer");
    }

    @Test
    void underObjectWriterTheWritingAccountOwnsWhatItWrites() {
        assertEquals(new Acl(writer.canonicalId(), List.of(full(writer))),
                writes.forNewObject(NONE, writer.accountId(), bucket(null, null), owner.accountId()));
        assertEquals(new Acl(writer.canonicalId(), List.of(full(writer), full(owner))), writes.forNewObject(
                canned("bucket-owner-full-control"), writer.accountId(), bucket("ObjectWriter", null),
                owner.accountId()));
        assertEquals(new Acl(writer.canonicalId(), List.of(full(writer), new Acl.Grant(owner.canonicalId(), null,
                Permissions.READ))), writes.forNewObject(canned("bucket-owner-read"), writer.accountId(),
                bucket(null, null), owner.accountId()));
    }

    @Test
    void bucketOwnerPreferredHandsBucketOwnerFullControlObjectsToTheBucketOwner() {
        BucketRecord preferred = bucket("BucketOwnerPreferred", null);
        assertEquals(new Acl(owner.canonicalId(), List.of(full(owner))), writes.forNewObject(
                canned("bucket-owner-full-control"), writer.accountId(), preferred, owner.accountId()));
        assertEquals(writer.canonicalId(), writes.forNewObject(canned("private"), writer.accountId(), preferred,
                owner.accountId()).ownerCanonicalId());
    }

    @Test
    void bucketOwnerEnforcedAcceptsOnlyTheOwnersFullControlAndStoresNothing() {
        BucketRecord enforced = bucket("BucketOwnerEnforced", null);
        assertNull(writes.forNewObject(canned("bucket-owner-full-control"), writer.accountId(), enforced,
                owner.accountId()));
        assertNull(writes.forNewObject(NONE, writer.accountId(), enforced, owner.accountId()));
        assertRefused(S3Error.ACCESS_CONTROL_LIST_NOT_SUPPORTED, () -> writes.forNewObject(canned("public-read"),
                owner.accountId(), enforced, owner.accountId()));
    }

    @Test
    void blockPublicAclsRefusesPublicGrantsOnly() {
        BucketRecord blocked = bucket(null, new PublicAccessBlock(true, false, false, false));
        assertRefused(S3Error.ACCESS_DENIED, () -> writes.forNewObject(canned("authenticated-read"),
                owner.accountId(), blocked, owner.accountId()));
        assertEquals(3, writes.forNewObject(canned("log-delivery-write"), owner.accountId(), blocked,
                owner.accountId()).grants().size());
    }

    @Test
    void aNewBucketTakesItsAclUnlessOwnershipIsEnforced() {
        assertNull(writes.forNewBucket(NONE, owner.accountId(), null));
        assertEquals(2, writes.forNewBucket(canned("public-read"), owner.accountId(), "ObjectWriter").grants().size());
        assertNull(writes.forNewBucket(canned("private"), owner.accountId(), "BucketOwnerEnforced"));
        assertRefused(S3Error.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP, () -> writes.forNewBucket(
                canned("public-read"), owner.accountId(), "BucketOwnerEnforced"));
        assertRefused(S3Error.INVALID_ARGUMENT, () -> writes.forNewBucket(NONE, owner.accountId(), "Everyone"));
    }
}
