package io.granary.iam.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven evaluation across accounts, with sessions, roles and IAM resources. The bucket
 * {@code photos} belongs to account A; B is another account.
 */
class MultiAccountEvaluationTest {
    private static final String A = "111111111111";
    private static final String B = "222222222222";
    private static final RequestPrincipal ALICE = new RequestPrincipal.User(A, "GUALICE", "alice", "/");
    private static final RequestPrincipal CAROL = new RequestPrincipal.User(B, "GUCAROL", "carol", "/");
    private static final RequestPrincipal CAROL_IN_A = new RequestPrincipal.User(A, "GUOTHER", "carol", "/");
    private static final RequestPrincipal ROOT_A = new RequestPrincipal.AccountRoot(A);
    private static final RequestPrincipal ROOT_B = new RequestPrincipal.AccountRoot(B);
    private static final RequestPrincipal BUILD = new RequestPrincipal.AssumedRole(A, "GRBUILD", "builder", "job-1");
    private static final RequestPrincipal OTHER_SESSION = new RequestPrincipal.AssumedRole(A, "GRBUILD", "builder",
            "job-2");
    private static final RequestPrincipal DEPLOY = new RequestPrincipal.AssumedRole(A, "GRDEPLOY", "deployer", "d");
    private static final String PHOTO = RequestContext.objectArn("photos", "cat.jpg");

    private static final String ALLOW_ALL = identity("\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"");
    private static final String ALLOW_GET = identity(
            "\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::photos/*\"");
    private static final String DENY_GET = identity(
            "\"Effect\": \"Deny\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"");
    private static final String ALICE_KEYS = identity("\"Effect\": \"Allow\", \"Action\": [\"iam:CreateAccessKey\","
            + " \"iam:ListAccessKeys\"], \"Resource\": \"arn:aws:iam::" + A + ":user/alice\"");
    private static final String ALL_GROUPS = identity("\"Effect\": \"Allow\", \"Action\": \"iam:*\","
            + " \"Resource\": \"arn:aws:iam::" + A + ":group/*\"");

    record Row(List<String> identityPolicies, String sessionPolicy, String bucketPolicy, RequestContext request,
            Decision expected) {
    }

    static Stream<Arguments> rows() {
        return Stream.of(
            row("same account: the identity policy alone allows", List.of(ALLOW_GET), null, null,
                    get(ALICE), Decision.ALLOW),
            row("same account: the bucket policy alone allows", List.of(), null, bucket("arn:aws:iam::" + A
                    + ":user/alice", "Allow"), get(ALICE), Decision.ALLOW),
            row("same account: nothing allows", List.of(), null, null, get(ALICE), Decision.DEFAULT_DENY),
            row("cross-account: the caller's identity policy alone is not enough", List.of(ALLOW_ALL), null, null,
                    get(CAROL), Decision.DEFAULT_DENY),
            row("cross-account: the bucket policy alone is not enough", List.of(), null,
                    bucket("arn:aws:iam::" + B + ":user/carol", "Allow"), get(CAROL), Decision.DEFAULT_DENY),
            row("cross-account: both sides allow", List.of(ALLOW_GET), null,
                    bucket("arn:aws:iam::" + B + ":user/carol", "Allow"), get(CAROL), Decision.ALLOW),
            row("cross-account: a bucket policy naming the account delegates to its users", List.of(ALLOW_GET), null,
                    bucket(B, "Allow"), get(CAROL), Decision.ALLOW),
            row("cross-account: naming the account by root ARN is the same", List.of(ALLOW_GET), null,
                    bucket("arn:aws:iam::" + B + ":root", "Allow"), get(CAROL), Decision.ALLOW),
            row("cross-account: another account's root needs only the bucket policy", List.of(), null,
                    bucket(B, "Allow"), get(ROOT_B), Decision.ALLOW),
            row("cross-account: another account's root without a bucket policy is denied", List.of(), null, null,
                    get(ROOT_B), Decision.DEFAULT_DENY),
            row("a user ARN names the user of that account only", List.of(), null,
                    bucket("arn:aws:iam::" + B + ":user/carol", "Allow"), get(CAROL_IN_A), Decision.DEFAULT_DENY),
            row("the owner's root is bound by an explicit bucket deny", List.of(), null, bucket("*", "Deny"),
                    get(ROOT_A), Decision.DENY),
            row("an explicit deny in the identity policy wins over a bucket allow", List.of(ALLOW_ALL, DENY_GET), null,
                    bucket("arn:aws:iam::" + A + ":user/alice", "Allow"), get(ALICE), Decision.DENY),
            row("an explicit bucket deny naming another account wins over both allows", List.of(ALLOW_ALL), null,
                    bothAllowAndDeny(B), get(CAROL), Decision.DENY),
            row("a session policy intersects the identity policies (allowed by both)", List.of(ALLOW_ALL), ALLOW_GET,
                    null, get(BUILD), Decision.ALLOW),
            row("a session policy intersects the identity policies (not in the session)", List.of(ALLOW_ALL),
                    ALLOW_GET, null, RequestContext.of(BUILD, "s3:PutObject", PHOTO), Decision.DEFAULT_DENY),
            row("a session policy also limits a bucket policy's grant", List.of(), ALLOW_GET,
                    bucketAction("arn:aws:iam::" + A + ":role/builder", "s3:PutObject"),
                    RequestContext.of(BUILD, "s3:PutObject", PHOTO), Decision.DEFAULT_DENY),
            row("a deny in the session policy is a deny", List.of(ALLOW_ALL), DENY_GET, null, get(BUILD),
                    Decision.DENY),
            row("anonymous callers are allowed by Principal *", List.of(), null, bucket("*", "Allow"),
                    get(RequestPrincipal.ANONYMOUS), Decision.ALLOW),
            row("anonymous callers are not an account's principals", List.of(), null, bucket(A, "Allow"),
                    get(RequestPrincipal.ANONYMOUS), Decision.DEFAULT_DENY),
            row("a role ARN in a bucket policy matches its sessions", List.of(), null,
                    bucket("arn:aws:iam::" + A + ":role/builder", "Allow"), get(BUILD), Decision.ALLOW),
            row("a role ARN with a path matches its sessions", List.of(), null,
                    bucket("arn:aws:iam::" + A + ":role/ci/builder", "Allow"), get(BUILD), Decision.ALLOW),
            row("a role ARN does not match another role's sessions", List.of(), null,
                    bucket("arn:aws:iam::" + A + ":role/builder", "Allow"), get(DEPLOY), Decision.DEFAULT_DENY),
            row("an assumed-role ARN matches that session", List.of(), null,
                    bucket("arn:aws:sts::" + A + ":assumed-role/builder/job-1", "Allow"), get(BUILD), Decision.ALLOW),
            row("an assumed-role ARN does not match another session", List.of(), null,
                    bucket("arn:aws:sts::" + A + ":assumed-role/builder/job-1", "Allow"), get(OTHER_SESSION),
                    Decision.DEFAULT_DENY),
            row("a role's identity policies apply to its sessions", List.of(ALLOW_GET), null, null, get(BUILD),
                    Decision.ALLOW),
            row("an IAM action on the user resource it names", List.of(ALICE_KEYS), null, null,
                    iam(ALICE, "iam:CreateAccessKey", "user/alice"), Decision.ALLOW),
            row("an IAM action on another user", List.of(ALICE_KEYS), null, null,
                    iam(ALICE, "iam:CreateAccessKey", "user/bob"), Decision.DEFAULT_DENY),
            row("an IAM action not granted", List.of(ALICE_KEYS), null, null,
                    iam(ALICE, "iam:DeleteUser", "user/alice"), Decision.DEFAULT_DENY),
            row("a group wildcard covers group resources", List.of(ALL_GROUPS), null, null,
                    iam(ALICE, "iam:AddUserToGroup", "group/devs"), Decision.ALLOW),
            row("a group wildcard does not cover roles or policies", List.of(ALL_GROUPS), null, null,
                    iam(ALICE, "iam:DeleteRole", "role/devs"), Decision.DEFAULT_DENY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(String name, Row row) {
        List<Policy> identityPolicies = row.identityPolicies().stream().map(Policy::parseIdentityPolicy).toList();
        Policy session = row.sessionPolicy() == null ? null : Policy.parseIdentityPolicy(row.sessionPolicy());
        Policy bucket = row.bucketPolicy() == null ? null : Policy.parseBucketPolicy(row.bucketPolicy());
        String owner = row.request().resource().startsWith("arn:aws:iam::") ? null : A;
        assertEquals(row.expected(), PolicyEvaluator.evaluate(row.request(), identityPolicies, session, bucket, owner));
    }

    static Stream<Arguments> assumeRoleRows() {
        String role = "arn:aws:iam::" + A + ":role/builder";
        String assume = identity("\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\", \"Resource\": \"*\"");
        return Stream.of(
            arguments("a trust naming the user admits it without an identity policy", trust("arn:aws:iam::" + A
                    + ":user/alice"), List.of(), ALICE, role, Decision.ALLOW),
            arguments("a trust naming the own account needs the user's identity policy", trust(A), List.of(), ALICE,
                    role, Decision.DEFAULT_DENY),
            arguments("a trust naming the own account and an identity policy admit", trust(A), List.of(assume), ALICE,
                    role, Decision.ALLOW),
            arguments("an identity policy alone does not admit", trust("arn:aws:iam::" + A + ":user/bob"),
                    List.of(assume), ALICE, role, Decision.DEFAULT_DENY),
            arguments("cross-account: a trust naming the account and the caller's policy admit", trust(B),
                    List.of(assume), CAROL, role, Decision.ALLOW),
            arguments("cross-account: a trust naming the user still needs the caller's policy",
                    trust("arn:aws:iam::" + B + ":user/carol"), List.of(), CAROL, role, Decision.DEFAULT_DENY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("assumeRoleRows")
    void decidesAssumeRole(String name, String trust, List<String> identityPolicies, RequestPrincipal caller,
            String roleArn, Decision expected) {
        RequestContext request = RequestContext.of(caller, "sts:AssumeRole", roleArn);
        assertEquals(expected, PolicyEvaluator.evaluateAssumeRole(request, identityPolicies.stream()
                .map(Policy::parseIdentityPolicy).toList(), null, Policy.parseTrustPolicy(trust), A));
    }

    private static RequestContext get(RequestPrincipal principal) {
        return RequestContext.of(principal, "s3:GetObject", PHOTO);
    }

    private static RequestContext iam(RequestPrincipal principal, String action, String resource) {
        return RequestContext.of(principal, action, "arn:aws:iam::" + A + ":" + resource);
    }

    private static String bucket(String principal, String effect) {
        return bucketPolicy(effect, principal, "s3:GetObject");
    }

    private static String bucketAction(String principal, String action) {
        return bucketPolicy("Allow", principal, action);
    }

    private static String bucketPolicy(String effect, String principal, String action) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"" + effect + "\","
                + " \"Principal\": {\"AWS\": \"" + principal + "\"}, \"Action\": \"" + action + "\","
                + " \"Resource\": \"arn:aws:s3:::photos/*\"}]}";
    }

    private static String bothAllowAndDeny(String account) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \""
                + account + "\"}, \"Action\": \"s3:*\", \"Resource\": \"arn:aws:s3:::photos/*\"},"
                + " {\"Effect\": \"Deny\", \"Principal\": {\"AWS\": \"" + account + "\"}, \"Action\": \"s3:GetObject\","
                + " \"Resource\": \"arn:aws:s3:::photos/*\"}]}";
    }

    private static String trust(String principal) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \""
                + principal + "\"}, \"Action\": \"sts:AssumeRole\"}]}";
    }

    private static String identity(String statement) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [{" + statement + "}]}";
    }

    private static Arguments row(String name, List<String> identityPolicies, String sessionPolicy, String bucketPolicy,
            RequestContext request, Decision expected) {
        return Arguments.of(name, new Row(identityPolicies, sessionPolicy, bucketPolicy, request, expected));
    }

    private static Arguments arguments(Object... values) {
        return Arguments.of(values);
    }
}
