package io.granary.iam;

/**
 * A refused IAM or STS call, or an unusable IAM configuration. Each reason maps 1:1 to the error
 * code IAM or STS answers with; nothing here knows HTTP.
 */
public final class IamException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the call failed. */
    public enum Reason {
        /** No account, user, key, group, role, policy or version by that name (NoSuchEntity). */
        NO_SUCH_ENTITY,
        /** An entity of that name exists (EntityAlreadyExists). */
        ENTITY_ALREADY_EXISTS,
        /** Still referenced: a user with keys, a policy attached, a group with members (DeleteConflict). */
        DELETE_CONFLICT,
        /** Over a quota: two access keys per user, five policy versions, fifty tags (LimitExceeded). */
        LIMIT_EXCEEDED,
        /** A policy document that does not parse or validate (MalformedPolicyDocument). */
        MALFORMED_POLICY_DOCUMENT,
        /** A name, path, ARN, duration or other parameter with the wrong syntax or range (ValidationError). */
        VALIDATION_ERROR,
        /** A value that is well-formed but not acceptable here (InvalidInput). */
        INVALID_INPUT,
        /** The caller may not do this (AccessDenied), e.g. a role's trust policy does not name it. */
        ACCESS_DENIED,
        /** Temporary credentials past their expiry (ExpiredToken). */
        EXPIRED_TOKEN,
        /** A session token that does not open, or whose user or role is gone (InvalidToken). */
        INVALID_TOKEN,
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

    static IamException noSuchEntity(String message) {
        return new IamException(Reason.NO_SUCH_ENTITY, message);
    }

    /** IAM's DeleteConflict for an entity that still has {@code what} (keys, policies, members...). */
    static IamException cannotDelete(String what) {
        return new IamException(Reason.DELETE_CONFLICT, "Cannot delete entity, " + what);
    }

    static IamException validation(String message) {
        return new IamException(Reason.VALIDATION_ERROR, message);
    }
}
