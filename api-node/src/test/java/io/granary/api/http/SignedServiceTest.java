package io.granary.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SignedServiceTest {
    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

    private static String header(String service) {
        return "AWS4-HMAC-SHA256 Credential=GKAAAAAAAAAAAAAAAAAA/20261202/us-east-1/" + service
                + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc";
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("iam-scoped POST goes to IAM", "POST", "/", null, header("iam"), FORM, SignedService.IAM),
                Arguments.of("sts-scoped POST goes to STS", "POST", "/", null, header("sts"), FORM, SignedService.STS),
                Arguments.of("the path does not matter", "POST", "/bucket/key", "uploads", header("iam"), null,
                        SignedService.IAM),
                Arguments.of("s3-scoped POST stays S3 even with a form body", "POST", "/", null, header("s3"), FORM,
                        SignedService.S3),
                Arguments.of("an iam-scoped GET stays S3 (and fails there for its scope)", "GET", "/", null,
                        header("iam"), null, SignedService.S3),
                Arguments.of("presigned iam credential", "POST", "/",
                        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=GK1%2F20261202%2Fus-east-1%2Fiam%2F"
                                + "aws4_request&X-Amz-Signature=ab", null, FORM, SignedService.IAM),
                Arguments.of("presigned s3 credential", "POST", "/b/k",
                        "uploads&X-Amz-Credential=GK1%2F20261202%2Fus-east-1%2Fs3%2Faws4_request", null, null,
                        SignedService.S3),
                Arguments.of("a malformed scope stays S3", "POST", "/", null,
                        "AWS4-HMAC-SHA256 Credential=GK1/iam, SignedHeaders=host, Signature=a", FORM, SignedService.S3),
                Arguments.of("SigV2 stays S3", "POST", "/b", "delete", "AWS GK1:c2lnbmF0dXJl", FORM,
                        SignedService.S3),
                Arguments.of("unsigned form POST to / is an unsigned Query call", "POST", "/", null, null, FORM,
                        SignedService.UNSIGNED_QUERY),
                Arguments.of("unsigned browser upload stays S3", "POST", "/", null, null,
                        "multipart/form-data; boundary=x", SignedService.S3),
                Arguments.of("unsigned form POST to a bucket stays S3", "POST", "/b", "delete", null, FORM,
                        SignedService.S3),
                Arguments.of("SigV2-presigned form POST stays S3", "POST", "/", "AWSAccessKeyId=a&Signature=b", null,
                        FORM, SignedService.S3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void routesByTheCredentialScopesService(String name, String method, String path, String query,
            String authorization, String contentType, SignedService expected) {
        assertEquals(expected, SignedService.of(method, path, Query.parse(query), authorization, contentType));
    }

    static Stream<Arguments> namedKeys() {
        return Stream.of(
                Arguments.of("SigV4 header", null, "AWS4-HMAC-SHA256 Credential=GK1/20260101/us-east-1/s3/"
                        + "aws4_request, SignedHeaders=host, Signature=a", "GK1"),
                Arguments.of("SigV4 presigned", "X-Amz-Credential=GK2%2F20260101%2Fus-east-1%2Fs3%2Faws4_request"
                        + "&X-Amz-Signature=a", null, "GK2"),
                Arguments.of("SigV2 header", null, "AWS GK3:c2lnbmF0dXJl", "GK3"),
                Arguments.of("SigV2 presigned", "AWSAccessKeyId=GK5&Expires=1&Signature=a", null, "GK5"),
                Arguments.of("anonymous", null, null, ""),
                Arguments.of("malformed SigV2", null, "AWS GK4", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namedKeys")
    void namesTheAccessKeyARequestClaims(String name, String query, String authorization, String expected) {
        assertEquals(expected, SignedService.accessKey(Query.parse(query), authorization));
    }
}
