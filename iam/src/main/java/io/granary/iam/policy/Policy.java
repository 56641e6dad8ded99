package io.granary.iam.policy;

import java.util.List;

/**
 * A parsed IAM-style policy document. Identity policies are attached to users, groups and roles
 * and name no principal; bucket policies are attached to a bucket and trust policies to a role, and
 * every statement of those names one. Parsing
 * validates everything evaluation relies on, so a {@code Policy} instance is always evaluable.
 *
 * @param version {@code 2012-10-17} or {@code 2008-10-17} (the AWS default when absent)
 * @param id the optional {@code Id}, or null
 */
public record Policy(String version, String id, List<Statement> statements) {
    /** The largest document accepted, in characters (AWS's bucket-policy limit is 20 KB). */
    public static final int MAX_LENGTH = 20 * 1024;

    public Policy {
        statements = List.copyOf(statements);
    }

    /**
     * Parses a bucket policy: every statement must have {@code Principal} or {@code NotPrincipal}.
     *
     * @throws MalformedPolicyException with AWS's reason when the document is not acceptable
     */
    public static Policy parseBucketPolicy(String json) {
        return new PolicyParser(PolicyParser.Kind.BUCKET).parse(json);
    }

    /**
     * Parses a role's trust (assume-role) policy: every statement names a principal and
     * {@code sts:} actions, and none a resource (the role is the resource).
     *
     * @throws MalformedPolicyException with AWS's reason when the document is not acceptable
     */
    public static Policy parseTrustPolicy(String json) {
        return new PolicyParser(PolicyParser.Kind.TRUST).parse(json);
    }

    /**
     * Parses an identity policy (attached to a user, group or role, or a session policy): no
     * statement may name a principal.
     *
     * @throws MalformedPolicyException with AWS's reason when the document is not acceptable
     */
    public static Policy parseIdentityPolicy(String json) {
        return new PolicyParser(PolicyParser.Kind.IDENTITY).parse(json);
    }
}
