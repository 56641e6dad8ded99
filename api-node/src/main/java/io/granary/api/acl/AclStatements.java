package io.granary.api.acl;

import io.granary.iam.IamArns;
import io.granary.iam.policy.Effect;
import io.granary.iam.policy.Patterns;
import io.granary.iam.policy.Principals;
import io.granary.iam.policy.RequestPrincipal;
import io.granary.iam.policy.Statement;
import io.granary.metadata.model.Acl;
import java.util.ArrayList;
import java.util.List;

/**
 * An ACL as the resource-policy statements it amounts to for one caller, so that ACLs and policies are
 * evaluated together as AWS does: a grant allows like a resource-policy Allow (an explicit Deny anywhere still
 * wins). A grant to an account's canonical id names that account ({@code arn:aws:iam::A:root}): its root is let
 * in, its users and roles only as far as their identity policies also allow (across accounts both are needed).
 * AllUsers is everyone, anonymous callers included; AuthenticatedUsers every signed caller. Grants to other
 * canonical ids or to LogDelivery cannot apply to the caller and are left out.
 */
public final class AclStatements {

    private AclStatements() {
    }

    /**
     * @param onObject whether {@code acl} is an object's (else a bucket's)
     * @param callerCanonicalId the caller's account's canonical id; null for anonymous callers
     * @param ignorePublic whether public grants are ignored (the bucket's IgnorePublicAcls)
     */
    public static List<Statement> of(Acl acl, boolean onObject, RequestPrincipal caller, String callerCanonicalId,
            boolean ignorePublic) {
        List<Statement> statements = new ArrayList<>();
        if (acl == null) return statements;
        for (Acl.Grant grant : acl.grants()) {
            String principal = principal(grant, caller, callerCanonicalId, ignorePublic);
            if (principal == null) continue;
            List<String> actions = onObject ? Permissions.objectActions(grant.permission())
                    : Permissions.bucketActions(grant.permission());
            if (actions.isEmpty()) continue;
            statements.add(new Statement("acl", Effect.ALLOW, new Principals(List.of(principal), false),
                    new Patterns(actions, false), null, List.of()));
        }
        return statements;
    }

    private static String principal(Acl.Grant grant, RequestPrincipal caller, String callerCanonicalId,
            boolean ignorePublic) {
        if (grant.canonicalId() != null) {
            return grant.canonicalId().equals(callerCanonicalId) ? IamArns.root(caller.accountId()) : null;
        }
        if (ignorePublic && Permissions.isPublicGroup(grant.groupUri())) return null;
        if (Permissions.ALL_USERS.equals(grant.groupUri())) return "*";
        boolean signed = !(caller instanceof RequestPrincipal.Anonymous);
        return Permissions.AUTHENTICATED_USERS.equals(grant.groupUri()) && signed ? "*" : null;
    }
}
