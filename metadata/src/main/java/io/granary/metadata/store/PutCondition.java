package io.granary.metadata.store;

import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.store.MetadataException.Reason;

/**
 * The preconditions of an object write (PutObject, CompleteMultipartUpload, CopyObject's destination,
 * DeleteObject), checked under the key's lock so exactly one of several racing conditional writers wins.
 * As RFC 7232 orders them: {@code ifMatch} (an entity-tag list or {@code *}; a missing key is NO_SUCH_KEY,
 * as in S3), else {@code ifUnmodifiedSinceMillis}; then {@code ifNoneMatch} (a list or {@code *}), else
 * {@code ifModifiedSinceMillis}. Dates compare at whole seconds, as HTTP dates do; a date condition on a
 * missing key holds (there is no modification time to compare). Null fields are absent conditions.
 *
 * <p>{@code prechecked} says the caller already checked the condition against the key before its upload
 * started: if it no longer holds under the lock, another write or a delete raced this one and the answer
 * is CONDITIONAL_CONFLICT, S3's 409 ConditionalRequestConflict, rather than PRECONDITION_FAILED.
 */
public record PutCondition(String ifMatch, String ifNoneMatch, Long ifModifiedSinceMillis,
                           Long ifUnmodifiedSinceMillis, boolean prechecked) {

    public static PutCondition none() {
        return new PutCondition(null, null, null, null, false);
    }

    /** {@code If-None-Match: *}: only if the key does not exist. */
    public static PutCondition ifAbsent() {
        return new PutCondition(null, "*", null, null, false);
    }

    public static PutCondition ifMatch(String etag) {
        return new PutCondition(etag, null, null, null, false);
    }

    public boolean isNone() {
        return ifMatch == null && ifNoneMatch == null && ifModifiedSinceMillis == null
                && ifUnmodifiedSinceMillis == null;
    }

    /** This condition, marked as checked before the upload began (see the class comment). */
    public PutCondition afterPrecheck() {
        return new PutCondition(ifMatch, ifNoneMatch, ifModifiedSinceMillis, ifUnmodifiedSinceMillis, true);
    }

    /**
     * Checks the condition against the key's current version ({@code null} when absent).
     *
     * @throws MetadataException NO_SUCH_KEY (If-Match on a missing key), PRECONDITION_FAILED, or
     *                           CONDITIONAL_CONFLICT when {@link #afterPrecheck()} and it no longer holds
     */
    public void check(String key, ObjectRecord current) {
        // S3 answers If-Match on a missing key with 404, not 412: there is no ETag to compare against.
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
        if (ifMatch != null && current == null) {
            throw failure(Reason.NO_SUCH_KEY, "The specified key does not exist: " + key);
        }
        Long modified = current == null ? null : current.lastModifiedMillis() / 1000 * 1000;
        if (ifMatch != null) {
            if (!Etags.matchesAny(ifMatch, current.etag())) throw failed("If-Match", key);
        } else if (ifUnmodifiedSinceMillis != null && modified != null && modified > ifUnmodifiedSinceMillis) {
            throw failed("If-Unmodified-Since", key);
        }
        if (ifNoneMatch != null) {
            if (current != null && Etags.matchesAny(ifNoneMatch, current.etag())) throw failed("If-None-Match", key);
        } else if (ifModifiedSinceMillis != null && modified != null && modified <= ifModifiedSinceMillis) {
            throw failed("If-Modified-Since", key);
        }
    }

    private MetadataException failed(String header, String key) {
        return failure(Reason.PRECONDITION_FAILED, header + " does not hold for " + key);
    }

    private MetadataException failure(Reason reason, String message) {
        return prechecked ? new MetadataException(Reason.CONDITIONAL_CONFLICT, "the key changed while the "
                + "conditional write was in flight (" + message + ")") : new MetadataException(reason, message);
    }
}
