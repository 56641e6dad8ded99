package io.granary.iam.policy;

/**
 * The outcome of evaluating a request against policies: allowed, refused by an explicit
 * {@code Deny}, or refused because nothing allowed it. Both refusals are {@code AccessDenied} on
 * the wire; the distinction is for logs and tests.
 */
public enum Decision {
    ALLOW,
    DENY,
    DEFAULT_DENY;

    public boolean allowed() {
        return this == ALLOW;
    }
}
