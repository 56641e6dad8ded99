package io.granary.iam;

/** A key of the key store that a request names but cannot use. */
public final class KmsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the key cannot be used. */
    public enum Reason {
        /** No key by that id, alias or ARN (KMS.NotFoundException). */
        NOT_FOUND,
        /** The key exists but is disabled (KMS.DisabledException). */
        DISABLED,
        /** The key belongs to another account, and keys are not shared (AccessDenied). */
        OTHER_ACCOUNT,
        /** The key id is not an id, alias or ARN (InvalidArgument). */
        INVALID_ID
    }

    private final Reason reason;

    public KmsException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
