package io.granary.api.auth;

import io.granary.iam.policy.Policy;
import io.granary.iam.policy.RequestPrincipal;
import io.granary.iam.sigv4.AuthResult;

/**
 * Who sent a request (as policies see it), the session policy of temporary credentials (null when there is
 * none) and what the signature check decided about its body.
 */
public record Caller(RequestPrincipal principal, Policy sessionPolicy, AuthResult auth) {

    /** Whether the caller signed with an account's root credentials. */
    public boolean isRoot() {
        return principal instanceof RequestPrincipal.AccountRoot;
    }

    /** The caller's account; null for anonymous callers. */
    public String accountId() {
        return principal.accountId();
    }
}
