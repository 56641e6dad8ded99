package io.granary.iam.sigv4;

import static io.granary.iam.sigv4.SdkCrossCheckTest.assertReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * URLs presigned by the AWS SDK v2 {@link S3Presigner} (path style, real system clock) verify with ours; any
 * change to the path or a query parameter is rejected, and they stop working once expired.
 */
class PresignedUrlTest {
    private static final Duration VALIDITY = Duration.ofMinutes(10);
    private static final S3Presigner PRESIGNER = S3Presigner.builder().region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(SdkSigner.ACCESS_KEY, SdkSigner.SECRET_KEY)))
            .endpointOverride(URI.create("http://127.0.0.1:9000"))
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    private static final SigV4Verifier VERIFIER = SdkSigner.verifier(Clock.systemUTC());

    @AfterAll
    static void close() {
        PRESIGNER.close();
    }

    @ParameterizedTest
    @MethodSource("io.granary.iam.sigv4.SdkCrossCheckTest#specialKeys")
    void presignedGetWithSpecialKeyAndSubresourcesVerifies(String key) {
        SignedRequest request = presignedGet(key);
        AuthResult.Authenticated auth = assertInstanceOf(AuthResult.Authenticated.class,
                VERIFIER.authenticate(request));
        assertTrue(auth.presigned());
        assertEquals("user-42", auth.principal());
        assertEquals(new PayloadMode.Unsigned(), auth.payloadMode());
    }

    @ParameterizedTest
    @MethodSource("io.granary.iam.sigv4.SdkCrossCheckTest#specialKeys")
    void presignedPutWithSpecialKeyVerifiesAndSignedHeadersAreEnforced(String key) {
        PresignedRequest put = PRESIGNER.presignPutObject(p -> p.signatureDuration(VALIDITY)
                .putObjectRequest(PutObjectRequest.builder().bucket("bucket").key(key).contentType("text/plain")
                        .build()));
        SignedRequest request = toSignedRequest(put);
        assertInstanceOf(AuthResult.Authenticated.class, VERIFIER.authenticate(request));
        SignedRequest otherType = SdkCrossCheckTest.withHeader(request, "content-type", "text/html");
        assertReason(AuthException.Reason.SIGNATURE_DOES_NOT_MATCH, () -> VERIFIER.authenticate(otherType));
        SignedRequest unsignedAmz = SdkCrossCheckTest.withHeader(request, "x-amz-acl", "public-read");
        assertReason(AuthException.Reason.ACCESS_DENIED, () -> VERIFIER.authenticate(unsignedAmz));
    }

    @Test
    void alteringThePathOrAnyQueryParameterOfAPresignedUrlIsRejected() {
        SignedRequest good = presignedGet("dir/a b+c.txt");
        String query = good.rawQuery();
        for (String param : query.split("&")) {
            if (param.startsWith("X-Amz-Signature=") || param.startsWith("X-Amz-Date=")) continue;
            String changed = query.replace(param, param + "1");
            SignedRequest altered = new SignedRequest("GET", good.rawPath(), changed, good.headers());
            AuthException.Reason expected = switch (param.substring(0, param.indexOf('='))) {
                case "X-Amz-Credential", "X-Amz-Algorithm" -> AuthException.Reason.AUTHORIZATION_QUERY_PARAMETERS_ERROR;
                case "X-Amz-SignedHeaders" -> AuthException.Reason.ACCESS_DENIED;
                default -> AuthException.Reason.SIGNATURE_DOES_NOT_MATCH;
            };
            assertReason(expected, () -> VERIFIER.authenticate(altered));
        }
        SignedRequest otherKey = new SignedRequest("GET", good.rawPath() + "x", query, good.headers());
        assertReason(AuthException.Reason.SIGNATURE_DOES_NOT_MATCH, () -> VERIFIER.authenticate(otherKey));
        SignedRequest put = new SignedRequest("PUT", good.rawPath(), query, good.headers());
        assertReason(AuthException.Reason.SIGNATURE_DOES_NOT_MATCH, () -> VERIFIER.authenticate(put));
    }

    @Test
    void presignedUrlIsRejectedAfterItExpiresAndBeforeItIsValid() {
        SignedRequest request = presignedGet("k");
        SigV4Verifier late = SdkSigner.verifier(Clock.offset(Clock.systemUTC(), VALIDITY.plusSeconds(5)));
        AuthException expired = org.junit.jupiter.api.Assertions.assertThrows(AuthException.class,
                () -> late.authenticate(request));
        assertEquals(AuthException.Reason.ACCESS_DENIED, expired.reason());
        assertEquals("Request has expired", expired.getMessage());
        assertEquals("600", expired.details().get("X-Amz-Expires"));
        SigV4Verifier early = SdkSigner.verifier(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20)));
        assertReason(AuthException.Reason.ACCESS_DENIED, () -> early.authenticate(request));
    }

    private static SignedRequest presignedGet(String key) {
        return toSignedRequest(PRESIGNER.presignGetObject(p -> p.signatureDuration(VALIDITY)
                .getObjectRequest(GetObjectRequest.builder().bucket("bucket").key(key).versionId("v 1/2")
                        .responseContentType("text/plain; charset=utf-8").build())));
    }

    private static SignedRequest toSignedRequest(PresignedRequest presigned) {
        URI uri = URI.create(presigned.url().toString());
        Map<String, List<String>> headers = presigned.signedHeaders();
        return SdkSigner.toSignedRequest(presigned.httpRequest(), uri, headers);
    }
}
