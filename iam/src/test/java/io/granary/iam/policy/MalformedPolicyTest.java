package io.granary.iam.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each malformed bucket policy with the reason AWS gives (or ours, where AWS's is not documented). */
class MalformedPolicyTest {
    private static final String OK_STATEMENT = "\"Effect\": \"Allow\", \"Principal\": \"*\","
            + " \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\"";

    static Stream<Arguments> malformedBucketPolicies() {
        return Stream.of(
            Arguments.of("not an object", "[]", "Policies must be valid JSON and the first byte must be '{'"),
            Arguments.of("empty", "", "Policies must be valid JSON and the first byte must be '{'"),
            Arguments.of("invalid json", "{\"Statement\": [", "This policy contains invalid Json"),
            Arguments.of("trailing garbage", "{\"Statement\": []} x", "This policy contains invalid Json"),
            Arguments.of("duplicate key", "{\"Statement\": [], \"Statement\": []}",
                    "This policy contains invalid Json"),
            Arguments.of("bad version", "{\"Version\": \"2020-01-01\", \"Statement\": [{" + OK_STATEMENT + "}]}",
                    "The policy must contain a valid version string"),
            Arguments.of("unknown top-level field", "{\"Statements\": []}", "Unknown field Statements"),
            Arguments.of("no statement", "{\"Version\": \"2012-10-17\"}", "Missing required field Statement"),
            Arguments.of("empty statement list", "{\"Statement\": []}", "Missing required field Statement"),
            Arguments.of("missing effect",
                    statement("\"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": \"*\""),
                    "Missing required field Effect"),
            Arguments.of("unknown effect", statement("\"Effect\": \"Maybe\", \"Principal\": \"*\","
                    + " \"Action\": \"s3:*\", \"Resource\": \"*\""), "Invalid effect: Maybe"),
            Arguments.of("missing principal",
                    statement("\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\""),
                    "Missing required field Principal"),
            Arguments.of("unsupported principal type", statement("\"Effect\": \"Allow\", \"Principal\":"
                    + " {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"s3:*\", \"Resource\": \"*\""),
                    "Invalid principal in policy"),
            Arguments.of("malformed principal arn", statement("\"Effect\": \"Allow\", \"Principal\":"
                    + " {\"AWS\": \"arn:aws:iam::1:group/x\"}, \"Action\": \"s3:*\", \"Resource\": \"*\""),
                    "Invalid principal in policy"),
            Arguments.of("missing action",
                    statement("\"Effect\": \"Allow\", \"Principal\": \"*\", \"Resource\": \"*\""),
                    "Missing required field Action"),
            Arguments.of("action without service", statement("\"Effect\": \"Allow\", \"Principal\": \"*\","
                    + " \"Action\": \"GetObject\", \"Resource\": \"*\""), "Policy has invalid action"),
            Arguments.of("non-s3 action in a bucket policy", statement("\"Effect\": \"Allow\", \"Principal\": \"*\","
                    + " \"Action\": \"ec2:RunInstances\", \"Resource\": \"*\""), "Policy has invalid action"),
            Arguments.of("action and NotAction", statement("\"Effect\": \"Allow\", \"Principal\": \"*\","
                    + " \"Action\": \"s3:*\", \"NotAction\": \"s3:Get*\", \"Resource\": \"*\""),
                    "Statement cannot contain both Action and NotAction"),
            Arguments.of("missing resource",
                    statement("\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:*\""),
                    "Missing required field Resource"),
            Arguments.of("non-s3 resource", statement("\"Effect\": \"Allow\", \"Principal\": \"*\","
                    + " \"Action\": \"s3:*\", \"Resource\": \"arn:aws:sqs:::q\""), "Policy has invalid resource"),
            Arguments.of("numeric resource", statement("\"Effect\": \"Allow\", \"Principal\": \"*\","
                    + " \"Action\": \"s3:*\", \"Resource\": 7"), "Policy has invalid resource"),
            Arguments.of("unknown condition operator", statement(OK_STATEMENT
                    + ", \"Condition\": {\"StringSortOf\": {\"s3:prefix\": \"a\"}}"),
                    "Invalid Condition type : StringSortOf"),
            Arguments.of("invalid condition key", statement(OK_STATEMENT
                    + ", \"Condition\": {\"StringLike\": {\"prefix\": \"a\"}}"), "Policy has an invalid condition key"),
            Arguments.of("invalid CIDR", statement(OK_STATEMENT
                    + ", \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/33\"}}"),
                    "Invalid Condition value for IpAddress: 10.0.0.0/33"),
            Arguments.of("hostname instead of an address", statement(OK_STATEMENT
                    + ", \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"example.com\"}}"),
                    "Invalid Condition value for IpAddress: example.com"),
            Arguments.of("non-numeric value for a numeric operator", statement(OK_STATEMENT
                    + ", \"Condition\": {\"NumericLessThan\": {\"s3:max-keys\": \"ten\"}}"),
                    "Invalid Condition value for NumericLessThan: ten"),
            Arguments.of("policy variable", statement("\"Effect\": \"Allow\", \"Principal\": \"*\","
                    + " \"Action\": \"s3:*\", \"Resource\": \"arn:aws:s3:::b/${aws:username}/*\""),
                    "Policy variables (${...}) are not supported"),
            Arguments.of("unknown statement field", statement(OK_STATEMENT + ", \"Effekt\": \"Allow\""),
                    "Unknown field Effekt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBucketPolicies")
    void refusesWithTheReason(String name, String json, String reason) {
        MalformedPolicyException e =
                assertThrows(MalformedPolicyException.class, () -> Policy.parseBucketPolicy(json));
        assertEquals(reason, e.getMessage());
    }

    @Test
    void identityPoliciesMustNotNameAPrincipal() {
        MalformedPolicyException e = assertThrows(MalformedPolicyException.class,
                () -> Policy.parseIdentityPolicy(statement(OK_STATEMENT)));
        assertEquals("Policy document should not specify a principal.", e.getMessage());
    }

    @Test
    void oversizedDocumentsAreRefused() {
        String huge = "{\"Id\": \"" + "x".repeat(Policy.MAX_LENGTH) + "\"}";
        assertEquals("Policy exceeds the maximum allowed document size.",
                assertThrows(MalformedPolicyException.class, () -> Policy.parseBucketPolicy(huge)).getMessage());
    }

    @Test
    void aSingleStatementObjectAndSingleStringsAreAccepted() {
        Policy policy = Policy.parseBucketPolicy("{\"Statement\": {" + OK_STATEMENT + "}}");
        assertEquals(1, policy.statements().size());
        assertEquals("2008-10-17", policy.version());
        assertEquals(Effect.ALLOW, policy.statements().get(0).effect());
    }

    private static String statement(String body) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [{" + body + "}]}";
    }
}
