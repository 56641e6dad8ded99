package io.granary.api.acl;

import io.granary.iam.policy.Condition;
import io.granary.iam.policy.Effect;
import io.granary.iam.policy.Policy;
import io.granary.iam.policy.Statement;
import io.granary.metadata.model.Acl;
import java.util.Locale;
import java.util.Set;

/**
 * What S3 counts as public (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status):
 * an ACL granting anything to AllUsers or AuthenticatedUsers; a policy with an Allow statement for everyone
 * ({@code "*"}, or a NotPrincipal) that no condition on a fixed value (source IP, VPC, ARN, account,
 * organisation, principal) narrows.
 */
public final class PublicAccess {
    private static final Set<String> NARROWING_KEYS = Set.of("aws:sourceip", "aws:sourcevpc", "aws:sourcevpce",
            "aws:sourcearn", "aws:sourceaccount", "aws:sourceowner", "aws:principalorgid", "aws:principalaccount",
            "aws:principalarn", "aws:userid", "s3:dataaccesspointarn", "s3:dataaccesspointaccount");

    private PublicAccess() {
    }

    public static boolean isPublic(Acl acl) {
        return acl != null && acl.grants().stream().anyMatch(g -> Permissions.isPublicGroup(g.groupUri()));
    }

    public static boolean isPublic(Policy policy) {
        return policy != null && policy.statements().stream().anyMatch(PublicAccess::isPublic);
    }

    private static boolean isPublic(Statement statement) {
        if (statement.effect() != Effect.ALLOW || statement.principals() == null) return false;
        boolean everyone = statement.principals().negated() || statement.principals().aws().contains("*");
        return everyone && statement.conditions().stream().map(Condition::key)
                .noneMatch(key -> NARROWING_KEYS.contains(key.toLowerCase(Locale.ROOT)));
    }
}
