package io.granary.api.handler;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.S3Headers;
import io.granary.api.http.S3Operation;
import io.granary.api.xml.Timestamps;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.VersionRecord;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;

/**
 * What object operations share about versions: the version headers of an answer, the errors a delete marker
 * gives, and the IAM action of an operation on a named version ({@code s3:GetObjectVersion} rather than
 * {@code s3:GetObject}, as AWS authorizes them).
 */
final class Versions {

    private Versions() {
    }

    /** An object version and its bucket as the store saw them (for the answer's version headers). */
    record InBucket(BucketRecord bucket, ObjectRecord object) {
    }

    /** {@code x-amz-version-id}, which S3 sends only for buckets that have (or had) versioning on. */
    static void describe(HttpServerResponse response, BucketRecord bucket, String versionId) {
        if (bucket.versioned() && versionId != null) response.putHeader(S3Headers.VERSION_ID, versionId);
    }

    /**
     * The error for a delete marker found where an object was asked for: 404 NoSuchKey when it is the latest
     * version, 405 MethodNotAllowed when the request named it, both saying what it is.
     */
    static S3Exception deleteMarker(VersionRecord marker, boolean named) {
        S3Exception error = named ? S3Exception.of(S3Error.METHOD_NOT_ALLOWED)
                : S3Exception.of(S3Error.NO_SUCH_KEY);
        error = error.withHeader(S3Headers.DELETE_MARKER, "true").withHeader(S3Headers.VERSION_ID,
                marker.versionId());
        return named ? error.withHeader(S3Headers.LAST_MODIFIED, Timestamps.http(Instant.ofEpochMilli(
                marker.lastModifiedMillis()))) : error;
    }

    /** The IAM action of {@code operation} on a named version; the operation's own when it has no version form. */
    static String action(S3Operation operation, String versionId) {
        if (versionId == null) return operation.action();
        return switch (operation) {
            case GET_OBJECT, HEAD_OBJECT -> "s3:GetObjectVersion";
            case DELETE_OBJECT -> "s3:DeleteObjectVersion";
            case GET_OBJECT_TAGGING -> "s3:GetObjectVersionTagging";
            case PUT_OBJECT_TAGGING -> "s3:PutObjectVersionTagging";
            case DELETE_OBJECT_TAGGING -> "s3:DeleteObjectVersionTagging";
            case GET_OBJECT_ACL -> "s3:GetObjectVersionAcl";
            case PUT_OBJECT_ACL -> "s3:PutObjectVersionAcl";
            case GET_OBJECT_ATTRIBUTES -> "s3:GetObjectVersionAttributes";
            default -> operation.action();
        };
    }
}
