package io.granary.api.handler;

import io.granary.api.auth.Caller;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.ChecksumHeaders;
import io.granary.api.http.ObjectLockHeaders;
import io.granary.api.http.S3Headers;
import io.granary.api.http.S3Request;
import io.granary.api.http.VersionIdParameter;
import io.granary.api.xml.ObjectLockDocuments.Configuration;
import io.granary.api.xml.ObjectLockDocuments.DefaultRetention;
import io.granary.api.xml.ObjectLockDocuments.LegalHold;
import io.granary.api.xml.ObjectLockDocuments.Retention;
import io.granary.api.xml.ObjectLockDocuments.Rule;
import io.granary.api.xml.Timestamps;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.ObjectLock;
import io.granary.metadata.model.ObjectLockConfiguration;
import io.granary.metadata.model.ObjectRecord;
import io.vertx.core.Future;
import java.time.Instant;

/**
 * Object lock's own operations: Get/PutObjectLockConfiguration (enabling it on a versioned bucket, the default
 * retention), Get/PutObjectRetention and Get/PutObjectLegalHold of a version. Their bodies need Content-MD5 or a
 * checksum, as S3 requires. What may change is decided by the metadata store ({@code changeLock}).
 */
final class ObjectLockHandler {
    private static final int MAX_BODY_BYTES = 4 * 1024;
    private static final String ENABLED = "Enabled";

    private final Services services;
    private final Access access;

    ObjectLockHandler(Services services, Access access) {
        this.services = services;
        this.access = access;
    }

    Future<Void> getConfiguration(S3Request request, Caller caller) {
        return access.bucket(request, caller).compose(bucket -> {
            ObjectLockConfiguration configuration = bucket.objectLock();
            if (configuration == null) {
                throw S3Exception.of(S3Error.OBJECT_LOCK_CONFIGURATION_NOT_FOUND).with("BucketName", bucket.name());
            }
            Rule rule = configuration.defaultMode() == null ? null : new Rule(new DefaultRetention(
                    configuration.defaultMode(), configuration.defaultDays(), configuration.defaultYears()));
            return Responses.xml(request, new Configuration(ENABLED, rule));
        });
    }

    Future<Void> putConfiguration(S3Request request, Caller caller) {
        ChecksumHeaders checks = SmallBody.requireIntegrity(request);
        return access.bucket(request, caller)
                .compose(bucket -> SmallBody.read(request, caller, MAX_BODY_BYTES, checks))
                .map(body -> configuration(SmallBody.xml(body, Configuration.class)))
                .compose(configuration -> services.metadata().call(store -> store.buckets().update(request.bucket(),
                        bucket -> {
                            if (!BucketRecord.VERSIONING_ENABLED.equals(bucket.versioning())) {
                                throw S3Exception.of(S3Error.INVALID_BUCKET_STATE, "Versioning must be 'Enabled' "
                                        + "on the bucket to apply a Object Lock configuration");
                            }
                            return bucket.withObjectLock(configuration);
                        })))
                .compose(updated -> Responses.empty(request, 200));
    }

    Future<Void> getRetention(S3Request request, Caller caller) {
        return lockedVersion(request, caller).compose(object -> {
            ObjectLock lock = ObjectLock.of(object.lock());
            if (lock.mode() == null) throw S3Exception.of(S3Error.NO_SUCH_OBJECT_LOCK_CONFIGURATION);
            return Responses.xml(request, new Retention(lock.mode(),
                    Timestamps.iso(Instant.ofEpochMilli(lock.retainUntilMillis()))));
        });
    }

    Future<Void> putRetention(S3Request request, Caller caller) {
        String versionId = VersionIdParameter.of(request);
        ChecksumHeaders checks = SmallBody.requireIntegrity(request);
        return lockBucket(request, caller).compose(bucket -> {
            boolean bypass = ObjectLocks.bypass(services, request, caller, bucket, request.key());
            return SmallBody.read(request, caller, MAX_BODY_BYTES, checks)
                    .map(body -> SmallBody.xml(body, Retention.class))
                    .compose(retention -> {
                        // An empty Retention removes it: allowed only once it has lapsed, or bypassing GOVERNANCE.
                        String mode = retention.mode() == null ? null : ObjectLockHeaders.mode(retention.mode());
                        if ((mode == null) != (retention.retainUntilDate() == null)) {
                            throw S3Exception.of(S3Error.MALFORMED_XML);
                        }
                        long until = mode == null ? 0
                                : ObjectLockHeaders.retainUntil(retention.retainUntilDate(), services.clock().millis());
                        return services.metadata().call(store -> store.objects().changeLock(bucket.name(),
                                request.key(), versionId, old -> old.withRetention(mode, until), bypass));
                    });
        }).compose(changed -> versioned(request, changed));
    }

    Future<Void> getLegalHold(S3Request request, Caller caller) {
        return lockedVersion(request, caller).compose(object -> Responses.xml(request,
                new LegalHold(ObjectLock.of(object.lock()).legalHold() ? "ON" : "OFF")));
    }

    Future<Void> putLegalHold(S3Request request, Caller caller) {
        String versionId = VersionIdParameter.of(request);
        ChecksumHeaders checks = SmallBody.requireIntegrity(request);
        return lockBucket(request, caller)
                .compose(bucket -> SmallBody.read(request, caller, MAX_BODY_BYTES, checks)
                        .map(body -> SmallBody.xml(body, LegalHold.class))
                        .compose(hold -> {
                            if (hold.status() == null) throw S3Exception.of(S3Error.MALFORMED_XML);
                            boolean on = ObjectLockHeaders.legalHold(hold.status());
                            return services.metadata().call(store -> store.objects().changeLock(bucket.name(),
                                    request.key(), versionId, old -> old.withLegalHold(on), false));
                        }))
                .compose(changed -> versioned(request, changed));
    }

    private Future<Void> versioned(S3Request request, ObjectRecord changed) {
        request.http().response().putHeader(S3Headers.VERSION_ID, changed.versionId());
        return Responses.empty(request, 200);
    }

    /** The request's bucket, which must have object lock. */
    private Future<BucketRecord> lockBucket(S3Request request, Caller caller) {
        return access.bucket(request, caller).map(bucket -> {
            if (!bucket.objectLockEnabled()) {
                throw S3Exception.of(S3Error.INVALID_REQUEST, ObjectLocks.MISSING_CONFIGURATION);
            }
            return bucket;
        });
    }

    /** The version the request names (or the current one) in a bucket with object lock. */
    private Future<ObjectRecord> lockedVersion(S3Request request, Caller caller) {
        String versionId = VersionIdParameter.of(request);
        return lockBucket(request, caller).compose(bucket -> services.metadata().call(store ->
                versionId == null ? store.objects().get(bucket.name(), request.key())
                        : store.objects().getVersion(bucket.name(), request.key(), versionId)));
    }

    private static ObjectLockConfiguration configuration(Configuration document) {
        if (!ENABLED.equals(document.enabled())) throw S3Exception.of(S3Error.MALFORMED_XML);
        if (document.rule() == null) return ObjectLockConfiguration.ENABLED;
        DefaultRetention retention = document.rule().defaultRetention();
        if (retention == null || retention.mode() == null) throw S3Exception.of(S3Error.MALFORMED_XML);
        String mode = ObjectLockHeaders.mode(retention.mode());
        if ((retention.days() == null) == (retention.years() == null)) throw S3Exception.of(S3Error.MALFORMED_XML);
        Integer period = retention.days() != null ? retention.days() : retention.years();
        if (period <= 0) {
            throw S3Exception.of(S3Error.INVALID_ARGUMENT, "Default retention period must be a positive integer "
                    + "value.");
        }
        return new ObjectLockConfiguration(mode, retention.days(), retention.years());
    }
}
