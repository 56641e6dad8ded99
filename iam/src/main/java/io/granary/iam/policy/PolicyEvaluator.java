package io.granary.iam.policy;

import java.util.List;

/**
 * Decides whether a request is allowed, following the AWS evaluation logic reduced to what
 * Granary has (one account, identity policies on users, bucket policies):
 * <ol>
 * <li>The root principal is allowed everything. (In AWS, a bucket policy can lock out even the
 *     account root; Granary keeps root as the unconditional recovery path.)</li>
 * <li>An explicit {@code Deny} in any applicable statement wins.</li>
 * <li>Otherwise an {@code Allow} in one of the user's policies, or in the bucket policy with a
 *     matching principal, allows.</li>
 * <li>Otherwise the request is denied by default. Anonymous callers have no identity policies, so
 *     only a bucket-policy statement whose principal is {@code "*"} can allow them.</li>
 * </ol>
 * Stateless and thread-safe.
 */
public final class PolicyEvaluator {
    private PolicyEvaluator() {
    }

    /**
     * @param identityPolicies the policies attached to the requesting user (empty for others)
     * @param bucketPolicy the bucket's policy, or null if it has none
     */
    public static Decision evaluate(RequestContext request, List<Policy> identityPolicies, Policy bucketPolicy) {
        if (request.principal() instanceof RequestPrincipal.Root) return Decision.ALLOW;
        boolean allowed = false;
        if (request.principal() instanceof RequestPrincipal.User) {
            for (Policy policy : identityPolicies) {
                Decision decision = evaluate(request, policy);
                if (decision == Decision.DENY) return Decision.DENY;
                allowed |= decision == Decision.ALLOW;
            }
        }
        if (bucketPolicy != null) {
            Decision decision = evaluate(request, bucketPolicy);
            if (decision == Decision.DENY) return Decision.DENY;
            allowed |= decision == Decision.ALLOW;
        }
        return allowed ? Decision.ALLOW : Decision.DEFAULT_DENY;
    }

    /** One policy on its own: DENY if a Deny applies, else ALLOW if an Allow applies. */
    private static Decision evaluate(RequestContext request, Policy policy) {
        Decision result = Decision.DEFAULT_DENY;
        for (Statement statement : policy.statements()) {
            if (!statement.appliesTo(request)) continue;
            if (statement.effect() == Effect.DENY) return Decision.DENY;
            result = Decision.ALLOW;
        }
        return result;
    }
}
