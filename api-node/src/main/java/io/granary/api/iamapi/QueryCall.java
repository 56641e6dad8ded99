package io.granary.api.iamapi;

import io.granary.iam.Identity;
import io.granary.iam.policy.RequestPrincipal;

/**
 * One authenticated IAM or STS call: who called (its account is the one the call acts in) and its
 * parameters.
 */
record QueryCall(Identity caller, QueryForm form) {

    String accountId() {
        return caller.principal().accountId();
    }

    /** The user the call names, else the calling user, else (an account root naming none) null. */
    String userNameOrCaller() {
        String named = form.optional("UserName");
        if (named != null && !named.isEmpty()) return named;
        return caller.principal() instanceof RequestPrincipal.User user ? user.userName() : null;
    }

    /**
     * The user the call names ({@code UserName}), or, as IAM does when it is omitted, the calling user
     * itself.
     *
     * @throws IamApiException ValidationError for a caller that is not a user and names none
     */
    String userNameOrSelf() {
        String named = form.optional("UserName");
        if (named != null && !named.isEmpty()) return named;
        if (caller.principal() instanceof RequestPrincipal.User user) return user.userName();
        throw new IamApiException(IamError.VALIDATION_ERROR, "Must specify userName when calling with non-User "
                + "credentials");
    }
}
