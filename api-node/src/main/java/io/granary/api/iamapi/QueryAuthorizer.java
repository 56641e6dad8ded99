package io.granary.api.iamapi;

import io.granary.iam.IamService;
import io.granary.iam.policy.RequestPrincipal;

/**
 * Who may call an IAM action: an account's root may do everything in its account; anyone else needs
 * an identity policy allowing {@code iam:ACTION} on the action's resource ARN (and no Deny), with
 * temporary credentials' session policy intersecting, as {@link IamService#isAllowed} evaluates.
 */
final class QueryAuthorizer {
    private final IamService iam;

    QueryAuthorizer(IamService iam) {
        this.iam = iam;
    }

    /** @throws IamApiException AccessDenied, worded as IAM's */
    void check(QueryCall call, QueryAction action, String service) {
        if (action.resource() == null) return;
        RequestPrincipal principal = call.caller().principal();
        if (principal instanceof RequestPrincipal.AccountRoot) return;
        String resource = action.resource().apply(call);
        String permission = service + ":" + action.name();
        if (!iam.isAllowed(call.caller(), permission, resource)) {
            throw new IamApiException(IamError.ACCESS_DENIED, "User: " + principal.arn() + " is not authorized to "
                    + "perform: " + permission + " on resource: " + resource);
        }
    }
}
