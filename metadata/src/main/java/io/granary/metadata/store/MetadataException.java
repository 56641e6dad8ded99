package io.granary.metadata.store;

/**
 * The one exception the metadata module throws. The reason says what went wrong in domain terms;
 * the API node maps each reason to an S3 error with a switch expression, so every reason must
 * mean one thing a client or operator can act on.
 */
public final class MetadataException extends RuntimeException {

    /** What went wrong. */
    public enum Reason {
        /** The bucket does not exist. */
        NO_SUCH_BUCKET,
        /** create-if-absent found the bucket already there. */
        BUCKET_EXISTS,
        /** Delete refused: the bucket still holds objects. */
        BUCKET_NOT_EMPTY,
        /** The object does not exist. */
        NO_SUCH_KEY,
        /** The object version named by its id does not exist. */
        NO_SUCH_VERSION,
        /** The version named is a delete marker, which has no data, tags or ACL (S3's 405). */
        DELETE_MARKER,
        /** The multipart upload does not exist (never did, aborted, or completed with other parts). */
        NO_SUCH_UPLOAD,
        /** A part named in a complete was never uploaded, or has another ETag. */
        INVALID_PART,
        /** The parts named in a complete are not in strictly ascending part-number order. */
        INVALID_PART_ORDER,
        /** A part other than the last is smaller than the configured minimum part size. */
        ENTITY_TOO_SMALL,
        /** The version's retention or legal hold forbids deleting it or weakening its retention. */
        OBJECT_LOCKED,
        /** If-None-Match / If-Match on a write did not hold. */
        PRECONDITION_FAILED,
        /** A write's precondition held when it started but not at commit: a concurrent write or delete won. */
        CONDITIONAL_CONFLICT,
        /** An object key is longer than 1024 UTF-8 bytes. */
        KEY_TOO_LONG,
        /** A malformed argument: empty key, a key with U+0000, a bad continuation token or bad paging value. */
        INVALID_ARGUMENT,
        /** A stored value could not be decoded. */
        CORRUPT_RECORD,
        /** A stored value or the database carries a format version this code does not know. */
        UNSUPPORTED_FORMAT,
        /** The metadata directory is open in another process (or elsewhere in this one). */
        STORE_IN_USE,
        /**
         * The metadata disk is full: writes fail until space returns (RocksDB then resumes by itself), reads go on.
         */
        NO_SPACE,
        /** RocksDB failed (I/O error, store closed). */
        STORAGE_ERROR
    }

    private final Reason reason;

    public MetadataException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public MetadataException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
