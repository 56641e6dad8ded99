package io.granary.iam.policy;

import java.util.List;
import java.util.Set;

/**
 * Decides whether a request is allowed, following AWS's evaluation logic for identity policies,
 * session policies and one resource policy (a bucket policy, or a role's trust policy):
 * <ol>
 * <li>The resource owner account's root is allowed everything its resource policy does not explicitly
 *     deny, as on AWS (so "deny insecure transport" binds it too). The bucket-policy actions themselves
 *     stay allowed to it whatever the policy says: AWS's way out of a policy that locks everyone out.</li>
 * <li>An explicit {@code Deny} in any applicable statement of any of the policies wins.</li>
 * <li>The identity side allows when one of the principal's identity policies does (a user's own
 *     and its groups', or a role's), or implicitly for an account root; a session policy
 *     intersects it.</li>
 * <li>Within the resource's account, the identity side or the resource policy allowing is enough;
 *     across accounts, both must. A session policy limits the resource policy's grant too (AWS
 *     exempts a resource policy naming the session ARN itself; Granary does not, which only ever
 *     refuses more).</li>
 * <li>Otherwise the request is denied by default. Anonymous callers have no identity side, so
 *     only a resource-policy statement whose principal is {@code "*"} can allow them.</li>
 * </ol>
 * Stateless and thread-safe.
 */
public final class PolicyEvaluator {
    /** What an owner's root may always do, so a bucket policy can never lock the bucket for good. */
    private static final Set<String> LOCKOUT_ESCAPES = Set.of("s3:GetBucketPolicy", "s3:PutBucketPolicy",
            "s3:DeleteBucketPolicy");

    private PolicyEvaluator() {
    }

    /**
     * @param identityPolicies the principal's identity policies (empty for roots and anonymous callers)
     * @param sessionPolicy the session policy of temporary credentials, or null
     * @param resourcePolicy the bucket's or role's policy, or null if it has none
     * @param resourceAccountId the account owning the resource; null means the caller's own account
     */
    public static Decision evaluate(RequestContext request, List<Policy> identityPolicies, Policy sessionPolicy,
            Policy resourcePolicy, String resourceAccountId) {
        RequestPrincipal principal = request.principal();
        String owner = resourceAccountId != null ? resourceAccountId : principal.accountId();
        if (principal instanceof RequestPrincipal.AccountRoot root && root.accountId().equals(owner)) {
            boolean denied = !LOCKOUT_ESCAPES.contains(request.action())
                    && (resourcePolicy != null && evaluate(request, resourcePolicy, owner) == Decision.DENY
                    || sessionPolicy != null && evaluate(request, sessionPolicy, owner) == Decision.DENY);
            return denied ? Decision.DENY : Decision.ALLOW;
        }
        boolean identityAllows = principal instanceof RequestPrincipal.AccountRoot;
        if (principal instanceof RequestPrincipal.User || principal instanceof RequestPrincipal.AssumedRole) {
            for (Policy policy : identityPolicies) {
                Decision decision = evaluate(request, policy, owner);
                if (decision == Decision.DENY) return Decision.DENY;
                identityAllows |= decision == Decision.ALLOW;
            }
        }
        Decision session = sessionPolicy == null ? Decision.ALLOW : evaluate(request, sessionPolicy, owner);
        Decision resource = resourcePolicy == null ? Decision.DEFAULT_DENY : evaluate(request, resourcePolicy, owner);
        if (session == Decision.DENY || resource == Decision.DENY) return Decision.DENY;
        boolean resourceAllows = resource == Decision.ALLOW;
        boolean sameAccount = owner != null && owner.equals(principal.accountId());
        boolean allowed = sameAccount || principal instanceof RequestPrincipal.Anonymous
                ? identityAllows || resourceAllows : identityAllows && resourceAllows;
        return allowed && session == Decision.ALLOW ? Decision.ALLOW : Decision.DEFAULT_DENY;
    }

    /**
     * {@code sts:AssumeRole}: unlike other resource policies, a role's trust policy must always admit
     * the caller, by name or by naming its account (which then delegates to the caller's identity
     * policies); beyond that, the rules of {@link #evaluate(RequestContext, List, Policy, Policy, String)}
     * apply, with the trust policy as the resource policy.
     */
    public static Decision evaluateAssumeRole(RequestContext request, List<Policy> identityPolicies,
            Policy sessionPolicy, Policy trustPolicy, String roleAccountId) {
        // With no resource account, naming an account matches every principal of it (delegation).
        Decision admitted = evaluate(request, trustPolicy, null);
        if (admitted != Decision.ALLOW) return admitted;
        return evaluate(request, identityPolicies, sessionPolicy, trustPolicy, roleAccountId);
    }

    /** One policy on its own: DENY if a Deny applies, else ALLOW if an Allow applies. */
    private static Decision evaluate(RequestContext request, Policy policy, String resourceAccountId) {
        Decision result = Decision.DEFAULT_DENY;
        for (Statement statement : policy.statements()) {
            if (!statement.appliesTo(request, resourceAccountId)) continue;
            if (statement.effect() == Effect.DENY) return Decision.DENY;
            result = Decision.ALLOW;
        }
        return result;
    }
}
