package io.granary.iam.checksum;

/**
 * A checksum or digest value from a request that cannot be used: not base64, the wrong length, or
 * an unknown algorithm. The API node maps it to {@code InvalidRequest} (x-amz-checksum-*) or
 * {@code InvalidDigest} (Content-MD5); a well-formed value that does not match the body is a
 * different failure ({@code BadDigest}) that the caller detects by comparing.
 */
public final class InvalidChecksumException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the value was refused. */
    public enum Reason { MALFORMED_BASE64, WRONG_LENGTH, UNKNOWN_ALGORITHM }

    private final Reason reason;
    private final String headerName;

    public InvalidChecksumException(Reason reason, String headerName, String message) {
        super(message);
        this.reason = reason;
        this.headerName = headerName;
    }

    public Reason reason() {
        return reason;
    }

    /** The header (or trailer) that carried the value. */
    public String headerName() {
        return headerName;
    }
}
