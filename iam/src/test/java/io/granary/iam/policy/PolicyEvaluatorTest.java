package io.granary.iam.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven evaluation within one account: each row is a named situation, its policies, a request
 * and the decision. {@link MultiAccountEvaluationTest} has the rows across accounts and sessions.
 */
class PolicyEvaluatorTest {
    private static final String ACCOUNT = "123456789012";
    private static final RequestPrincipal ALICE = new RequestPrincipal.User(ACCOUNT, "GUALICE00000000000000", "alice",
            "/");
    private static final RequestPrincipal BOB = new RequestPrincipal.User(ACCOUNT, "GUBOB000000000000000", "bob", "/");
    private static final RequestPrincipal ROOT = new RequestPrincipal.AccountRoot(ACCOUNT);
    private static final String PHOTO = RequestContext.objectArn("photos", "2024/cat.jpg");
    private static final String PHOTOS = RequestContext.bucketArn("photos");

    private static final String ALLOW_GET_PHOTOS = policy(
            "{\"Effect\": \"Allow\", \"Action\": \"s3:Get*\", \"Resource\": \"arn:aws:s3:::photos/*\"}");
    private static final String ALLOW_ALL =
            policy("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}");
    private static final String DENY_DELETE = policy(
            "{\"Effect\": \"Deny\", \"Action\": \"s3:DeleteObject\", \"Resource\": \"*\"}");
    private static final String ALLOW_ALL_BUT_DELETE = policy(
            "{\"Effect\": \"Allow\", \"NotAction\": \"s3:Delete*\", \"Resource\": \"*\"}");
    private static final String ALLOW_ALL_BUT_SECRET = policy(
            "{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"NotResource\": \"arn:aws:s3:::photos/secret/*\"}");
    private static final String LIST_HOME_ONLY = policy("{\"Effect\": \"Allow\", \"Action\": \"s3:ListBucket\","
            + " \"Resource\": \"arn:aws:s3:::photos\","
            + " \"Condition\": {\"StringLike\": {\"s3:prefix\": [\"home/*\"]}}}");
    private static final String FROM_OFFICE = policy("{\"Effect\": \"Allow\", \"Action\": \"s3:*\","
            + " \"Resource\": \"*\", \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": [\"192.0.2.0/24\","
            + " \"2001:db8::/32\"]}}}");
    private static final String DENY_OUTSIDE_OFFICE = policy("{\"Effect\": \"Deny\", \"Action\": \"*\","
            + " \"Resource\": \"*\", \"Condition\": {\"NotIpAddress\": {\"aws:SourceIp\": \"192.0.2.0/24\"}}}");
    private static final String ONLY_OWN_USER = policy("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\","
            + " \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:username\": \"alice\"}}}");
    private static final String ONLY_ALICE_ARN = policy("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\","
            + " \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:PrincipalArn\":"
            + " \"arn:aws:iam::123456789012:user/alice\"}}}");
    private static final String DENY_INSECURE = policy("{\"Effect\": \"Deny\", \"Action\": \"*\","
            + " \"Resource\": \"*\", \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}}");
    private static final String MAX_KEYS_100 = policy("{\"Effect\": \"Allow\", \"Action\": \"s3:ListBucket\","
            + " \"Resource\": \"*\", \"Condition\": {\"NumericLessThanEquals\": {\"s3:max-keys\": 100}}}");
    private static final String PUBLIC_READ = policy("{\"Effect\": \"Allow\", \"Principal\": \"*\","
            + " \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::photos/*\"}");
    private static final String PUBLIC_READ_AWS_STAR = policy("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"},"
            + " \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::photos/*\"}");
    private static final String BOB_MAY_PUT = policy("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\":"
            + " [\"arn:aws:iam::123456789012:user/bob\"]}, \"Action\": \"s3:PutObject\","
            + " \"Resource\": \"arn:aws:s3:::photos/*\"}");
    private static final String DENY_ALICE_EVERYTHING = policy("{\"Effect\": \"Deny\", \"Principal\": {\"AWS\":"
            + " \"GUALICE00000000000000\"}, \"Action\": \"s3:*\", \"Resource\": [\"arn:aws:s3:::photos\","
            + " \"arn:aws:s3:::photos/*\"]}");
    private static final String DENY_ACCOUNT_DELETES = policy("{\"Effect\": \"Deny\", \"Principal\": {\"AWS\":"
            + " \"arn:aws:iam::123456789012:root\"}, \"Action\": \"s3:DeleteObject\", \"Resource\": \"*\"}");
    private static final String ALLOW_ACCOUNT_READS = policy("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\":"
            + " \"123456789012\"}, \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}");
    private static final String DENY_EVERYONE_BUT_BOB = policy("{\"Effect\": \"Deny\", \"NotPrincipal\": {\"AWS\":"
            + " \"arn:aws:iam::123456789012:user/bob\"}, \"Action\": \"s3:*\", \"Resource\": \"*\"}");

    record Row(List<String> identityPolicies, String bucketPolicy, RequestContext request, Decision expected) {
    }

    static Stream<Arguments> rows() {
        return Stream.concat(identityPolicyRows(), bucketPolicyRows());
    }

    static Stream<Arguments> identityPolicyRows() {
        return Stream.of(
            row("a user without policies is denied by default", List.of(), null,
                    RequestContext.of(ALICE, "s3:GetObject", PHOTO), Decision.DEFAULT_DENY),
            row("a wildcard action allows the matching action", List.of(ALLOW_GET_PHOTOS), null,
                    RequestContext.of(ALICE, "s3:GetObject", PHOTO), Decision.ALLOW),
            row("actions match case-insensitively", List.of(ALLOW_GET_PHOTOS), null,
                    RequestContext.of(ALICE, "S3:getobject", PHOTO), Decision.ALLOW),
            row("a wildcard action does not allow other actions", List.of(ALLOW_GET_PHOTOS), null,
                    RequestContext.of(ALICE, "s3:PutObject", PHOTO), Decision.DEFAULT_DENY),
            row("a key wildcard does not cover the bucket itself", List.of(ALLOW_GET_PHOTOS), null,
                    RequestContext.of(ALICE, "s3:GetBucketLocation", PHOTOS), Decision.DEFAULT_DENY),
            row("resources match case-sensitively", List.of(ALLOW_GET_PHOTOS), null,
                    RequestContext.of(ALICE, "s3:GetObject", RequestContext.objectArn("Photos", "a")),
                    Decision.DEFAULT_DENY),
            row("an explicit deny wins over an allow", List.of(ALLOW_ALL, DENY_DELETE), null,
                    RequestContext.of(ALICE, "s3:DeleteObject", PHOTO), Decision.DENY),
            row("a deny in the bucket policy wins over an identity allow", List.of(ALLOW_ALL), DENY_ALICE_EVERYTHING,
                    RequestContext.of(ALICE, "s3:GetObject", PHOTO), Decision.DENY),
            row("a bucket deny for one user does not touch another", List.of(ALLOW_ALL), DENY_ALICE_EVERYTHING,
                    RequestContext.of(BOB, "s3:GetObject", PHOTO), Decision.ALLOW),
            row("NotAction allows everything else", List.of(ALLOW_ALL_BUT_DELETE), null,
                    RequestContext.of(ALICE, "s3:PutObject", PHOTO), Decision.ALLOW),
            row("NotAction does not allow what it names", List.of(ALLOW_ALL_BUT_DELETE), null,
                    RequestContext.of(ALICE, "s3:DeleteObject", PHOTO), Decision.DEFAULT_DENY),
            row("NotResource excludes what it names", List.of(ALLOW_ALL_BUT_SECRET), null,
                    RequestContext.of(ALICE, "s3:GetObject", RequestContext.objectArn("photos", "secret/x")),
                    Decision.DEFAULT_DENY),
            row("s3:prefix StringLike allows listing inside the prefix", List.of(LIST_HOME_ONLY), null,
                    RequestContext.of(ALICE, "s3:ListBucket", PHOTOS).with(RequestContext.PREFIX, "home/alice/"),
                    Decision.ALLOW),
            row("s3:prefix StringLike refuses another prefix", List.of(LIST_HOME_ONLY), null,
                    RequestContext.of(ALICE, "s3:ListBucket", PHOTOS).with(RequestContext.PREFIX, "shared/"),
                    Decision.DEFAULT_DENY),
            row("a missing condition key fails a positive condition", List.of(LIST_HOME_ONLY), null,
                    RequestContext.of(ALICE, "s3:ListBucket", PHOTOS), Decision.DEFAULT_DENY),
            row("IpAddress allows an IPv4 address inside the CIDR", List.of(FROM_OFFICE), null,
                    RequestContext.of(ALICE, "s3:GetObject", PHOTO).with(RequestContext.SOURCE_IP, "192.0.2.77"),
                    Decision.ALLOW),
            row("IpAddress refuses an address outside the CIDR", List.of(FROM_OFFICE), null,
                    RequestContext.of(ALICE, "s3:GetObject", PHOTO).with(RequestContext.SOURCE_IP, "192.0.3.1"),
                    Decision.DEFAULT_DENY),
            row("IpAddress allows an IPv6 address inside the CIDR", List.of(FROM_OFFICE), null,
                    RequestContext.of(ALICE, "s3:GetObject", PHOTO).with(RequestContext.SOURCE_IP, "2001:db8:0:1::5"),
                    Decision.ALLOW),
            row("IpAddress treats an IPv4-mapped IPv6 address as IPv4", List.of(FROM_OFFICE), null,
                    RequestContext.of(ALICE, "s3:GetObject", PHOTO).with(RequestContext.SOURCE_IP, "::ffff:192.0.2.9"),
                    Decision.ALLOW),
            row("NotIpAddress denies from outside", List.of(ALLOW_ALL, DENY_OUTSIDE_OFFICE), null,
                    RequestContext.of(ALICE, "s3:GetObject", PHOTO).with(RequestContext.SOURCE_IP, "198.51.100.1"),
                    Decision.DENY),
            row("NotIpAddress lets the inside through", List.of(ALLOW_ALL, DENY_OUTSIDE_OFFICE), null,
                    RequestContext.of(ALICE, "s3:GetObject", PHOTO).with(RequestContext.SOURCE_IP, "192.0.2.1"),
                    Decision.ALLOW),
            row("aws:username comes from the principal", List.of(ONLY_OWN_USER), null,
                    RequestContext.of(ALICE, "s3:GetObject", PHOTO), Decision.ALLOW),
            row("aws:PrincipalArn comes from the principal", List.of(ONLY_ALICE_ARN), null,
                    RequestContext.of(ALICE, "s3:GetObject", PHOTO), Decision.ALLOW),
            row("aws:PrincipalArn cannot be forged by the caller", List.of(ONLY_ALICE_ARN), null,
                    RequestContext.of(BOB, "s3:GetObject", PHOTO).with("aws:PrincipalArn",
                            "arn:aws:iam::123456789012:user/alice"), Decision.DEFAULT_DENY),
            row("aws:username cannot be forged by the caller", List.of(ONLY_OWN_USER), null,
                    RequestContext.of(BOB, "s3:GetObject", PHOTO).with("aws:username", "alice"),
                    Decision.DEFAULT_DENY),
            row("Bool on aws:SecureTransport denies plain http", List.of(ALLOW_ALL, DENY_INSECURE), null,
                    RequestContext.of(ALICE, "s3:GetObject", PHOTO).with(RequestContext.SECURE_TRANSPORT, "false"),
                    Decision.DENY),
            row("NumericLessThanEquals on s3:max-keys allows small pages", List.of(MAX_KEYS_100), null,
                    RequestContext.of(ALICE, "s3:ListBucket", PHOTOS).with(RequestContext.MAX_KEYS, "50"),
                    Decision.ALLOW),
            row("NumericLessThanEquals on s3:max-keys refuses large pages", List.of(MAX_KEYS_100), null,
                    RequestContext.of(ALICE, "s3:ListBucket", PHOTOS).with(RequestContext.MAX_KEYS, "1000"),
                    Decision.DEFAULT_DENY));
    }

    static Stream<Arguments> bucketPolicyRows() {
        return Stream.of(
            row("anonymous reads through a Principal * bucket policy", List.of(), PUBLIC_READ,
                    RequestContext.of(RequestPrincipal.ANONYMOUS, "s3:GetObject", PHOTO), Decision.ALLOW),
            row("anonymous reads through a Principal AWS * bucket policy", List.of(), PUBLIC_READ_AWS_STAR,
                    RequestContext.of(RequestPrincipal.ANONYMOUS, "s3:GetObject", PHOTO), Decision.ALLOW),
            row("anonymous gets nothing the public policy does not name", List.of(), PUBLIC_READ,
                    RequestContext.of(RequestPrincipal.ANONYMOUS, "s3:PutObject", PHOTO), Decision.DEFAULT_DENY),
            row("anonymous gets nothing in another bucket", List.of(), PUBLIC_READ,
                    RequestContext.of(RequestPrincipal.ANONYMOUS, "s3:GetObject",
                            RequestContext.objectArn("private", "a")), Decision.DEFAULT_DENY),
            row("anonymous without a bucket policy is denied", List.of(), null,
                    RequestContext.of(RequestPrincipal.ANONYMOUS, "s3:GetObject", PHOTO), Decision.DEFAULT_DENY),
            row("anonymous never gets identity policies", List.of(ALLOW_ALL), null,
                    RequestContext.of(RequestPrincipal.ANONYMOUS, "s3:GetObject", PHOTO), Decision.DEFAULT_DENY),
            row("a bucket policy naming a user by ARN allows that user", List.of(), BOB_MAY_PUT,
                    RequestContext.of(BOB, "s3:PutObject", PHOTO), Decision.ALLOW),
            row("a bucket policy naming a user does not allow others", List.of(), BOB_MAY_PUT,
                    RequestContext.of(ALICE, "s3:PutObject", PHOTO), Decision.DEFAULT_DENY),
            row("NotPrincipal denies everyone not named", List.of(ALLOW_ALL), DENY_EVERYONE_BUT_BOB,
                    RequestContext.of(ALICE, "s3:GetObject", PHOTO), Decision.DENY),
            row("NotPrincipal spares the named user", List.of(ALLOW_ALL), DENY_EVERYONE_BUT_BOB,
                    RequestContext.of(BOB, "s3:GetObject", PHOTO), Decision.ALLOW),
            row("a bucket Deny naming the account applies to its users", List.of(ALLOW_ALL), DENY_ACCOUNT_DELETES,
                    RequestContext.of(ALICE, "s3:DeleteObject", PHOTO), Decision.DENY),
            row("a bucket Deny naming the account does not reach anonymous callers", List.of(),
                    DENY_ACCOUNT_DELETES, RequestContext.of(RequestPrincipal.ANONYMOUS, "s3:DeleteObject", PHOTO),
                    Decision.DEFAULT_DENY),
            row("a bucket Allow naming the account does not allow users by itself", List.of(), ALLOW_ACCOUNT_READS,
                    RequestContext.of(ALICE, "s3:GetObject", PHOTO), Decision.DEFAULT_DENY),
            row("root is allowed without any policy", List.of(), null,
                    RequestContext.of(ROOT, "s3:DeleteBucket", PHOTOS), Decision.ALLOW),
            row("root is denied by a bucket deny that covers it, as on AWS", List.of(), DENY_EVERYONE_BUT_BOB,
                    RequestContext.of(ROOT, "s3:GetObject", PHOTO), Decision.DENY),
            row("root may still read the bucket policy that locks everyone out", List.of(), DENY_EVERYONE_BUT_BOB,
                    RequestContext.of(ROOT, "s3:GetBucketPolicy", PHOTOS), Decision.ALLOW),
            row("root may still replace it", List.of(), DENY_EVERYONE_BUT_BOB,
                    RequestContext.of(ROOT, "s3:PutBucketPolicy", PHOTOS), Decision.ALLOW),
            row("root may still delete it", List.of(), DENY_EVERYONE_BUT_BOB,
                    RequestContext.of(ROOT, "s3:DeleteBucketPolicy", PHOTOS), Decision.ALLOW),
            row("a bucket deny of another action leaves root allowed", List.of(), DENY_ACCOUNT_DELETES,
                    RequestContext.of(ROOT, "s3:GetObject", PHOTO), Decision.ALLOW));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(String name, Row row) {
        List<Policy> identityPolicies = row.identityPolicies().stream().map(Policy::parseIdentityPolicy).toList();
        Policy bucketPolicy = row.bucketPolicy() == null ? null : Policy.parseBucketPolicy(row.bucketPolicy());
        assertEquals(row.expected(), PolicyEvaluator.evaluate(row.request(), identityPolicies, null, bucketPolicy,
                ACCOUNT));
    }

    private static Arguments row(String name, List<String> identityPolicies, String bucketPolicy,
            RequestContext request, Decision expected) {
        return Arguments.of(name, new Row(identityPolicies, bucketPolicy, request, expected));
    }

    private static String policy(String statement) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [" + statement + "]}";
    }
}
