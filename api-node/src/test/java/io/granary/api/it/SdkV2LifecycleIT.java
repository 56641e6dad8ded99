package io.granary.api.it;

import static io.granary.api.it.TestData.assertS3Error;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.heal.BackgroundSettings;
import io.granary.api.lifecycle.LifecycleStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

/**
 * Lifecycle through the AWS SDK v2 on a server whose lifecycle day lasts one second ({@code --lifecycle-day 1}):
 * the configuration and S3's refusals, x-amz-expiration, and the worker expiring current versions, removing
 * noncurrent ones beyond the newest kept, removing lone delete markers, aborting incomplete uploads, and keeping
 * what object lock protects.
 */
@Timeout(120)
class SdkV2LifecycleIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension(BackgroundSettings.defaults()
            .withLifecycleDay(Duration.ofSeconds(1)));

    private static final Duration WAIT = Duration.ofSeconds(40);

    private static S3Client s3() {
        return S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.SDK_DEFAULT);
    }

    private static LifecycleRule.Builder rule(String id, String prefix) {
        return LifecycleRule.builder().id(id).status(ExpirationStatus.ENABLED).filter(f -> f.prefix(prefix));
    }

    private static void configure(S3Client s3, String bucket, LifecycleRule... rules) {
        s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(rules)));
    }

    private static ListObjectVersionsResponse versions(S3Client s3, String bucket, String prefix) {
        return s3.listObjectVersions(b -> b.bucket(bucket).prefix(prefix));
    }

    @Test
    void theConfigurationRoundTripsAndRefusesWhatS3Refuses() {
        try (S3Client s3 = s3()) {
            String bucket = GranaryServerExtension.newBucket();
            s3.createBucket(b -> b.bucket(bucket));
            assertS3Error(404, "NoSuchLifecycleConfiguration", () -> s3.getBucketLifecycleConfiguration(b -> b
                    .bucket(bucket)));
            assertS3Error(501, "NotImplemented", () -> configure(s3, bucket, rule("t", "logs/").transitions(t -> t
                    .days(30).storageClass(TransitionStorageClass.GLACIER)).build()));
            assertS3Error(400, "InvalidArgument", () -> configure(s3, bucket, rule("d", "").expiration(e -> e
                    .days(0)).build()));
            assertS3Error(400, "InvalidArgument", () -> configure(s3, bucket,
                    rule("same", "a/").expiration(e -> e.days(1)).build(),
                    rule("same", "b/").expiration(e -> e.days(1)).build()));
            configure(s3, bucket, rule("logs", "logs/").expiration(e -> e.days(30)).build(), LifecycleRule.builder()
                    .id("big").status(ExpirationStatus.DISABLED).filter(f -> f.and(a -> a.prefix("tmp/")
                            .objectSizeGreaterThan(1000L))).noncurrentVersionExpiration(n -> n.noncurrentDays(7)
                            .newerNoncurrentVersions(2)).abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(3))
                    .build());
            List<LifecycleRule> back = s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules();
            assertEquals(2, back.size());
            assertEquals("logs/", back.get(0).filter().prefix());
            assertEquals(30, back.get(0).expiration().days());
            assertEquals(ExpirationStatus.DISABLED, back.get(1).status());
            assertEquals(1000L, back.get(1).filter().and().objectSizeGreaterThan());
            assertEquals(2, back.get(1).noncurrentVersionExpiration().newerNoncurrentVersions());
            assertEquals(3, back.get(1).abortIncompleteMultipartUpload().daysAfterInitiation());
            String expiration = s3.putObject(b -> b.bucket(bucket).key("logs/a"), RequestBody.fromString("x"))
                    .expiration();
            assertNotNull(expiration);
            assertTrue(expiration.contains("rule-id=\"logs\""), expiration);
            assertTrue(s3.headObject(b -> b.bucket(bucket).key("logs/a")).expiration().contains("expiry-date="));
            s3.deleteBucketLifecycle(b -> b.bucket(bucket));
            assertS3Error(404, "NoSuchLifecycleConfiguration", () -> s3.getBucketLifecycleConfiguration(b -> b
                    .bucket(bucket)));
        }
    }

    @Test
    void theWorkerExpiresRemovesAndAbortsAsTheRulesSay() {
        try (S3Client s3 = s3()) {
            String bucket = GranaryServerExtension.newBucket();
            s3.createBucket(b -> b.bucket(bucket));
            s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v
                    .status(BucketVersioningStatus.ENABLED)));
            for (int i = 0; i < 4; i++) {
                String body = "v" + i;
                s3.putObject(b -> b.bucket(bucket).key("old/k"), RequestBody.fromString(body));
            }
            s3.putObject(b -> b.bucket(bucket).key("keep/k"), RequestBody.fromString("stays"));
            s3.putObject(b -> b.bucket(bucket).key("mark/k"), RequestBody.fromString("gone"));
            String markedVersion = versions(s3, bucket, "mark/").versions().get(0).versionId();
            s3.deleteObject(b -> b.bucket(bucket).key("mark/k"));
            s3.deleteObject(b -> b.bucket(bucket).key("mark/k").versionId(markedVersion));
            s3.putObject(b -> b.bucket(bucket).key("cur/k"), RequestBody.fromString("expires"));
            String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("up/k")).uploadId();
            configure(s3, bucket,
                    rule("cur", "cur/").expiration(e -> e.days(2)).build(),
                    rule("old", "old/").noncurrentVersionExpiration(n -> n.noncurrentDays(1)
                            .newerNoncurrentVersions(1)).build(),
                    rule("mark", "mark/").expiration(e -> e.expiredObjectDeleteMarker(true)).build(),
                    rule("up", "up/").abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(1)).build());
            await().atMost(WAIT).untilAsserted(() -> {
                ListObjectVersionsResponse old = versions(s3, bucket, "old/");
                // The current version and the newest noncurrent one are kept; the two older ones are gone.
                assertEquals(2, old.versions().size(), old.toString());
                assertTrue(versions(s3, bucket, "mark/").deleteMarkers().isEmpty());
                ListObjectVersionsResponse current = versions(s3, bucket, "cur/");
                assertEquals(1, current.deleteMarkers().size(), "the expired current version got a marker");
                assertTrue(current.deleteMarkers().get(0).isLatest());
                assertTrue(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads().isEmpty());
            });
            assertEquals("v3", s3.getObjectAsBytes(b -> b.bucket(bucket).key("old/k")).asUtf8String());
            assertEquals(1, versions(s3, bucket, "keep/").versions().size());
            assertS3Error(404, "NoSuchUpload", () -> s3.listParts(b -> b.bucket(bucket).key("up/k").uploadId(upload)));
            LifecycleStatus status = SERVER.node().lifecycle().status();
            assertTrue(status.passesCompleted() > 0, status.toString());
        }
    }

    @Test
    void aLockedVersionSurvivesItsRule() {
        try (S3Client s3 = s3()) {
            String bucket = GranaryServerExtension.newBucket();
            s3.createBucket(b -> b.bucket(bucket).objectLockEnabledForBucket(true));
            Instant until = Instant.now().plus(Duration.ofDays(1));
            String locked = s3.putObject(b -> b.bucket(bucket).key("db").checksumAlgorithm(ChecksumAlgorithm.CRC32)
                    .objectLockMode(ObjectLockMode.COMPLIANCE).objectLockRetainUntilDate(until),
                    RequestBody.fromString("locked")).versionId();
            s3.putObject(b -> b.bucket(bucket).key("db"), RequestBody.fromString("newer"));
            String unlocked = s3.putObject(b -> b.bucket(bucket).key("free"), RequestBody.fromString("a"))
                    .versionId();
            s3.putObject(b -> b.bucket(bucket).key("free"), RequestBody.fromString("b"));
            configure(s3, bucket, rule("all", "").noncurrentVersionExpiration(n -> n.noncurrentDays(1)).build());
            await().atMost(WAIT).until(() -> versions(s3, bucket, "free").versions().size() == 1);
            await().atMost(WAIT).until(() -> SERVER.node().lifecycle().status().lockedKept() > 0);
            assertEquals("locked", s3.getObjectAsBytes(b -> b.bucket(bucket).key("db").versionId(locked))
                    .asUtf8String());
            assertS3Error(404, "NoSuchVersion", () -> s3.getObject(b -> b.bucket(bucket).key("free")
                    .versionId(unlocked)));
        }
    }
}
