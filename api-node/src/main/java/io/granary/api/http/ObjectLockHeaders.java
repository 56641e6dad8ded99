package io.granary.api.http;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.vertx.core.MultiMap;
import java.util.Locale;

/**
 * The object-lock headers: {@code x-amz-object-lock-mode}, {@code -retain-until-date} and
 * {@code -legal-hold} on object writes, and {@code x-amz-bucket-object-lock-enabled: true} on
 * CreateBucket. Granary has no object lock (nor the versioning it needs), so, as S3 answers for a
 * bucket without an Object Lock configuration, they are {@code InvalidRequest}: a retention the
 * client asked for is never silently dropped.
 */
public final class ObjectLockHeaders {

    private ObjectLockHeaders() {
    }

    /** @throws S3Exception InvalidRequest if an {@code x-amz-object-lock-*} header is present */
    public static void refuseOnObject(MultiMap headers) {
        for (String name : headers.names()) {
            if (name.toLowerCase(Locale.ROOT).startsWith(S3Headers.OBJECT_LOCK_PREFIX)) {
                throw S3Exception.of(S3Error.INVALID_REQUEST, "Bucket is missing Object Lock Configuration");
            }
        }
    }

    /** @throws S3Exception InvalidRequest if CreateBucket asks for object lock */
    public static void refuseOnBucket(MultiMap headers) {
        String enabled = headers.get(S3Headers.BUCKET_OBJECT_LOCK_ENABLED);
        if (enabled != null && enabled.trim().equalsIgnoreCase("true")) {
            throw S3Exception.of(S3Error.INVALID_REQUEST, "Object Lock is not supported; a bucket cannot be "
                    + "created with x-amz-bucket-object-lock-enabled: true.");
        }
    }
}
