package io.granary.api.it;

import static io.granary.api.it.TestData.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.iam.CreatedAccessKey;
import io.granary.iam.IamService;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Object lock through the AWS SDK v2 under both checksum settings: buckets created with it (and versioned by it),
 * the configuration and its default retention on PUT, copy and multipart complete, GOVERNANCE with and without
 * the bypass permission, COMPLIANCE against the account root, legal holds, and the refusals S3 answers.
 */
class SdkV2ObjectLockIT extends SdkV2Case {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private String locked;

    @Override
    GranaryServerExtension server() {
        return SERVER;
    }

    @BeforeEach
    void createLockedBucket() {
        locked = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(locked).objectLockEnabledForBucket(true));
    }

    private static Instant inOneDay() {
        return Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    }

    /** A PUT carrying a checksum, which S3 requires on writes with lock headers (the SDK only adds one by default). */
    private static PutObjectRequest.Builder checked(PutObjectRequest.Builder b) {
        return b.checksumAlgorithm(ChecksumAlgorithm.CRC32);
    }

    private String put(String key, ObjectLockMode mode, Instant until) {
        return s3.putObject(b -> checked(b.bucket(locked).key(key).objectLockMode(mode)
                .objectLockRetainUntilDate(until)), RequestBody.fromString("kept " + key)).versionId();
    }

    @Test
    void aBucketCreatedWithObjectLockIsVersionedAndReportsItsConfiguration() {
        assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(b -> b.bucket(locked)).status());
        assertEquals("Enabled", s3.getObjectLockConfiguration(b -> b.bucket(locked)).objectLockConfiguration()
                .objectLockEnabledAsString());
        assertS3Error(404, "ObjectLockConfigurationNotFoundError",
                () -> s3.getObjectLockConfiguration(b -> b.bucket(bucket)));
        assertS3Error(409, "InvalidBucketState", () -> s3.putBucketVersioning(b -> b.bucket(locked)
                .versioningConfiguration(c -> c.status(BucketVersioningStatus.SUSPENDED))));
    }

    @Test
    void lockHeadersOnABucketWithoutObjectLockAreRefusedAndNothingIsStored() {
        assertS3Error(400, "InvalidRequest", () -> s3.putObject(b -> checked(b.bucket(bucket).key("k")
                .objectLockMode(ObjectLockMode.GOVERNANCE).objectLockRetainUntilDate(inOneDay())),
                RequestBody.fromString("x")));
        assertS3Error(404, "NoSuchKey", () -> s3.headObject(b -> b.bucket(bucket).key("k")));
        assertS3Error(400, "InvalidRequest", () -> s3.putObjectLegalHold(b -> b.bucket(bucket).key("k")
                .legalHold(h -> h.status(ObjectLockLegalHoldStatus.ON))));
    }

    @Test
    void malformedRetentionsAreInvalidArguments() {
        assertS3Error(400, "InvalidArgument", () -> s3.putObject(b -> checked(b.bucket(locked).key("past")
                .objectLockMode(ObjectLockMode.GOVERNANCE).objectLockRetainUntilDate(Instant.now().minusSeconds(60))),
                RequestBody.fromString("x")));
        assertS3Error(400, "InvalidArgument", () -> s3.putObject(b -> checked(b.bucket(locked).key("half")
                .objectLockMode(ObjectLockMode.COMPLIANCE)), RequestBody.fromString("x")));
        if (setting == S3Clients.ChecksumSetting.WHEN_REQUIRED) {
            // Without the SDK's default checksum the PUT carries no integrity check, which S3 requires here.
            assertS3Error(400, "InvalidRequest", () -> s3.putObject(b -> b.bucket(locked).key("unchecked")
                    .objectLockMode(ObjectLockMode.GOVERNANCE).objectLockRetainUntilDate(inOneDay()),
                    RequestBody.fromString("x")));
        }
    }

    @Test
    void governanceBlocksDeletionUnlessBypassedByACallerAllowedTo() {
        Instant until = inOneDay();
        String version = put("gov", ObjectLockMode.GOVERNANCE, until);
        HeadObjectResponse head = s3.headObject(b -> b.bucket(locked).key("gov"));
        assertEquals(ObjectLockMode.GOVERNANCE, head.objectLockMode());
        assertEquals(until, head.objectLockRetainUntilDate());
        assertS3Error(403, "AccessDenied", () -> s3.deleteObject(b -> b.bucket(locked).key("gov").versionId(version)));
        // A delete without a version id only writes a marker: allowed, the version stays.
        assertTrue(s3.deleteObject(b -> b.bucket(locked).key("gov")).deleteMarker());
        IamService iam = SERVER.node().iam();
        String account = iam.systemAccount().accountId();
        String resources = "[\"arn:aws:s3:::" + locked + "\",\"arn:aws:s3:::" + locked + "/*\"]";
        CreatedAccessKey plain = IamFixtures.user(iam, account, "plain-" + locked,
                IamFixtures.allow("[\"s3:GetObject*\",\"s3:DeleteObject*\",\"s3:PutObjectRetention\"]", resources));
        try (S3Client user = IamFixtures.client(SERVER.endpoint(), plain)) {
            assertS3Error(403, "AccessDenied", () -> user.deleteObject(b -> b.bucket(locked).key("gov")
                    .versionId(version).bypassGovernanceRetention(true)));
            assertS3Error(403, "AccessDenied", () -> user.putObjectRetention(b -> b.bucket(locked).key("gov")
                    .versionId(version).bypassGovernanceRetention(true).retention(r -> r
                            .mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(until.minusSeconds(3600)))));
        }
        CreatedAccessKey bypasser = IamFixtures.user(iam, account, "bypass-" + locked, IamFixtures.allow(
                "[\"s3:GetObject*\",\"s3:DeleteObject*\",\"s3:BypassGovernanceRetention\"]", resources));
        try (S3Client user = IamFixtures.client(SERVER.endpoint(), bypasser)) {
            assertS3Error(403, "AccessDenied", () -> user.deleteObject(b -> b.bucket(locked).key("gov")
                    .versionId(version)));
            user.deleteObject(b -> b.bucket(locked).key("gov").versionId(version).bypassGovernanceRetention(true));
        }
        // HEAD answers have no body, so the SDK cannot tell NoSuchVersion from NoSuchKey: the status says it.
        assertS3Error(404, null, () -> s3.headObject(b -> b.bucket(locked).key("gov").versionId(version)));
        assertS3Error(404, "NoSuchVersion", () -> s3.getObject(b -> b.bucket(locked).key("gov").versionId(version)));
    }

    @Test
    void complianceCannotBeShortenedOrBypassedEvenByTheRootButMayBeExtended() {
        Instant until = inOneDay();
        String version = put("comp", ObjectLockMode.COMPLIANCE, until);
        assertS3Error(403, "AccessDenied", () -> s3.deleteObject(b -> b.bucket(locked).key("comp").versionId(version)
                .bypassGovernanceRetention(true)));
        assertS3Error(403, "AccessDenied", () -> s3.putObjectRetention(b -> b.bucket(locked).key("comp")
                .versionId(version).bypassGovernanceRetention(true).retention(r -> r
                        .mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(until.minusSeconds(60)))));
        assertS3Error(403, "AccessDenied", () -> s3.putObjectRetention(b -> b.bucket(locked).key("comp")
                .versionId(version).bypassGovernanceRetention(true).retention(r -> r
                        .mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(until))));
        Instant later = until.plus(Duration.ofDays(1));
        s3.putObjectRetention(b -> b.bucket(locked).key("comp").versionId(version).retention(r -> r
                .mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(later)));
        var retention = s3.getObjectRetention(b -> b.bucket(locked).key("comp").versionId(version)).retention();
        assertEquals(ObjectLockRetentionMode.COMPLIANCE, retention.mode());
        assertEquals(later, retention.retainUntilDate());
        assertEquals("kept comp", s3.getObjectAsBytes(b -> b.bucket(locked).key("comp").versionId(version))
                .asUtf8String());
    }

    @Test
    void aLegalHoldBlocksDeletionUntilLifted() {
        String version = s3.putObject(b -> checked(b.bucket(locked).key("held")
                .objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON)), RequestBody.fromString("x")).versionId();
        assertEquals(ObjectLockLegalHoldStatus.ON, s3.getObjectLegalHold(b -> b.bucket(locked).key("held"))
                .legalHold().status());
        assertS3Error(404, "NoSuchObjectLockConfiguration", () -> s3.getObjectRetention(b -> b.bucket(locked)
                .key("held")));
        assertS3Error(403, "AccessDenied", () -> s3.deleteObject(b -> b.bucket(locked).key("held").versionId(version)
                .bypassGovernanceRetention(true)));
        DeleteObjectsResponse batch = s3.deleteObjects(b -> b.bucket(locked).delete(d -> d.objects(o -> o.key("held")
                .versionId(version))));
        assertEquals(1, batch.errors().size());
        assertEquals("AccessDenied", batch.errors().get(0).code());
        s3.putObjectLegalHold(b -> b.bucket(locked).key("held").versionId(version)
                .legalHold(h -> h.status(ObjectLockLegalHoldStatus.OFF)));
        s3.deleteObject(b -> b.bucket(locked).key("held").versionId(version));
        assertS3Error(404, "NoSuchKey", () -> s3.headObject(b -> b.bucket(locked).key("held")));
    }

    @Test
    void theDefaultRetentionReachesPutsCopiesAndCompletedUploads() {
        s3.putObjectLockConfiguration(b -> b.bucket(locked).objectLockConfiguration(c -> c.objectLockEnabled("Enabled")
                .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(2)))));
        var configuration = s3.getObjectLockConfiguration(b -> b.bucket(locked)).objectLockConfiguration();
        assertEquals(2, configuration.rule().defaultRetention().days());
        assertNull(configuration.rule().defaultRetention().years());
        Instant start = Instant.now();
        String plain = s3.putObject(b -> b.bucket(locked).key("plain"), RequestBody.fromString("p")).versionId();
        s3.copyObject(b -> b.sourceBucket(locked).sourceKey("plain").destinationBucket(locked).destinationKey("copy"));
        String upload = s3.createMultipartUpload(b -> b.bucket(locked).key("multi")).uploadId();
        byte[] part = TestData.random(5 * TestData.MIB, 9);
        String etag = s3.uploadPart(b -> b.bucket(locked).key("multi").uploadId(upload).partNumber(1),
                RequestBody.fromBytes(part)).eTag();
        s3.completeMultipartUpload(b -> b.bucket(locked).key("multi").uploadId(upload)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        for (String key : List.of("plain", "copy", "multi")) {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(locked).key(key));
            assertEquals(ObjectLockMode.GOVERNANCE, head.objectLockMode(), key);
            assertNotNull(head.objectLockRetainUntilDate(), key);
            Duration left = Duration.between(start, head.objectLockRetainUntilDate());
            assertTrue(left.compareTo(Duration.ofDays(2).minusMinutes(5)) > 0
                    && left.compareTo(Duration.ofDays(2).plusMinutes(5)) < 0, key + ": " + left);
        }
        assertS3Error(403, "AccessDenied", () -> s3.deleteObject(b -> b.bucket(locked).key("plain").versionId(plain)));
        assertArrayEquals(part, s3.getObjectAsBytes(b -> b.bucket(locked).key("multi")).asByteArray());
        // An explicit retention wins over the default.
        Instant until = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        put("explicit", ObjectLockMode.COMPLIANCE, until);
        assertEquals(until, s3.headObject(b -> b.bucket(locked).key("explicit")).objectLockRetainUntilDate());
    }

    @Test
    void objectLockMayBeEnabledLaterOnAVersionedBucketOnly() {
        assertS3Error(409, "InvalidBucketState", () -> s3.putObjectLockConfiguration(b -> b.bucket(bucket)
                .objectLockConfiguration(c -> c.objectLockEnabled("Enabled"))));
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c
                .status(BucketVersioningStatus.ENABLED)));
        s3.putObjectLockConfiguration(b -> b.bucket(bucket).objectLockConfiguration(c -> c.objectLockEnabled(
                "Enabled")));
        String version = s3.putObject(b -> checked(b.bucket(bucket).key("late")
                .objectLockMode(ObjectLockMode.GOVERNANCE).objectLockRetainUntilDate(inOneDay())),
                RequestBody.fromString("x")).versionId();
        assertS3Error(403, "AccessDenied", () -> s3.deleteObject(b -> b.bucket(bucket).key("late")
                .versionId(version)));
        s3.deleteObject(b -> b.bucket(bucket).key("late").versionId(version).bypassGovernanceRetention(true));
    }
}
