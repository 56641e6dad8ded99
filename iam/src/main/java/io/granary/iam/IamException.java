package io.granary.iam;

/**
 * A refused IAM administration call or an unusable IAM configuration. The reason maps to the
 * IAM-style error the admin API returns; nothing here knows HTTP.
 */
public final class IamException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the call failed. */
    public enum Reason {
        /** No user, key or policy by that name (IAM NoSuchEntity). */
        NO_SUCH_ENTITY,
        /** A user or policy of that name exists (IAM EntityAlreadyExists). */
        ENTITY_ALREADY_EXISTS,
        /** Still referenced: a user with keys or policies, a policy attached to users (IAM DeleteConflict). */
        DELETE_CONFLICT,
        /** A name or value with the wrong syntax (IAM ValidationError / InvalidInput). */
        INVALID_INPUT,
        /** A stored secret that the master key cannot decrypt: wrong key or damaged record. */
        SECRET_UNREADABLE,
        /** Bad environment or data-directory state (master key, root credentials). */
        CONFIGURATION
    }

    private final Reason reason;

    public IamException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public IamException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
