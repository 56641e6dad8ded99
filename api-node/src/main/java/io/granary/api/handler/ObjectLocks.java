package io.granary.api.handler;

import io.granary.api.auth.Caller;
import io.granary.api.auth.RequestAuthorizer;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.ObjectLockHeaders;
import io.granary.api.http.S3Request;
import io.granary.api.xml.Timestamps;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.ObjectLock;
import io.granary.metadata.model.ObjectRecord;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;

/**
 * What the writing, deleting and reading families need of object lock: the lock a write asks for (checked
 * against the bucket and the caller's permissions, as S3 does), whether a caller may bypass a GOVERNANCE
 * retention, and the lock headers of GET and HEAD. The rules themselves are the metadata store's.
 */
final class ObjectLocks {
    static final String MISSING_CONFIGURATION = "Bucket is missing Object Lock Configuration";

    private ObjectLocks() {
    }

    /**
     * The lock {@code headers} (a request's, or a POST form's fields) ask for on {@code key}, null for none.
     *
     * @throws S3Exception InvalidRequest on a bucket without object lock, AccessDenied without
     *     s3:PutObjectRetention / s3:PutObjectLegalHold, InvalidArgument for malformed values
     */
    static ObjectLock requested(Services services, S3Request request, MultiMap headers, Caller caller,
            BucketRecord bucket, String key) {
        if (!bucket.objectLockEnabled() && ObjectLockHeaders.present(headers)) {
            throw S3Exception.of(S3Error.INVALID_REQUEST, MISSING_CONFIGURATION);
        }
        ObjectLock lock = ObjectLockHeaders.parse(headers, services.clock().millis());
        if (lock == null) return null;
        RequestAuthorizer authorizer = services.authorizer();
        if (lock.mode() != null) authorizer.authorize(caller, request, "s3:PutObjectRetention", bucket, key);
        if (headers.contains(ObjectLockHeaders.LEGAL_HOLD)) {
            authorizer.authorize(caller, request, "s3:PutObjectLegalHold", bucket, key);
        }
        return lock;
    }

    /** Whether the request bypasses GOVERNANCE retention: it asks to, and may (s3:BypassGovernanceRetention). */
    static boolean bypass(Services services, S3Request request, Caller caller, BucketRecord bucket, String key) {
        return ObjectLockHeaders.bypassGovernance(request.http().headers()) && services.authorizer().isAllowed(
                caller, request, "s3:BypassGovernanceRetention", bucket, key);
    }

    /** The lock headers of GET and HEAD, each only for a caller allowed to read that part of the lock. */
    static void describe(Services services, S3Request request, Caller caller, BucketRecord bucket,
            ObjectRecord object, HttpServerResponse response) {
        ObjectLock lock = object.lock();
        if (lock == null) return;
        RequestAuthorizer authorizer = services.authorizer();
        if (lock.mode() != null && authorizer.isAllowed(caller, request, "s3:GetObjectRetention", bucket,
                object.key())) {
            response.putHeader(ObjectLockHeaders.MODE, lock.mode()).putHeader(ObjectLockHeaders.RETAIN_UNTIL,
                    Timestamps.iso(Instant.ofEpochMilli(lock.retainUntilMillis())));
        }
        if (authorizer.isAllowed(caller, request, "s3:GetObjectLegalHold", bucket, object.key())) {
            response.putHeader(ObjectLockHeaders.LEGAL_HOLD, lock.legalHold() ? "ON" : "OFF");
        }
    }
}
