package io.granary.iam.sigv4;

import static io.granary.iam.sigv4.SdkCrossCheckTest.assertReason;
import static io.granary.iam.sigv4.SdkCrossCheckTest.withHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;

/** Table-driven rejection cases of {@link SigV4Verifier}: malformed headers, scope, time, payload declaration. */
class SigV4VerifierTest {
    private static final SigV4Verifier VERIFIER = SdkSigner.verifier(SdkSigner.CLOCK);
    private static final String CREDENTIAL = "Credential=" + SdkSigner.ACCESS_KEY
            + "/20250601/us-east-1/s3/aws4_request";
    private static final String SIG = "Signature=" + "a".repeat(64);
    private static final String SIGNED = "SignedHeaders=host;x-amz-content-sha256;x-amz-date";

    static SignedRequest signedGet() {
        return SdkSigner.sign(SdkSigner.request(SdkHttpMethod.GET, "bucket", "key"), null, r -> { }).request();
    }

    static Stream<Arguments> malformedAuthorization() {
        return Stream.of(
                bad("algorithm only", "AWS4-HMAC-SHA256", AuthException.Reason.AUTHORIZATION_HEADER_MALFORMED,
                        "requires three components"),
                bad("no signature", "AWS4-HMAC-SHA256 " + CREDENTIAL + ", " + SIGNED,
                        AuthException.Reason.AUTHORIZATION_HEADER_MALFORMED, "requires three components"),
                bad("four-part credential", "AWS4-HMAC-SHA256 Credential=AK/20250601/us-east-1/s3, " + SIGNED + ", "
                        + SIG, AuthException.Reason.AUTHORIZATION_HEADER_MALFORMED, "the Credential is mal-formed"),
                bad("bad terminal", "AWS4-HMAC-SHA256 " + CREDENTIAL.replace("aws4_request", "aws4_reques") + ", "
                        + SIGNED + ", " + SIG, AuthException.Reason.AUTHORIZATION_HEADER_MALFORMED,
                        "incorrect terminal \"aws4_reques\""),
                bad("wrong region", "AWS4-HMAC-SHA256 " + CREDENTIAL.replace("us-east-1", "eu-west-1") + ", "
                        + SIGNED + ", " + SIG, AuthException.Reason.AUTHORIZATION_HEADER_MALFORMED,
                        "the region 'eu-west-1' is wrong; expecting 'us-east-1'"),
                bad("wrong service", "AWS4-HMAC-SHA256 " + CREDENTIAL.replace("/s3/", "/iam/") + ", " + SIGNED + ", "
                        + SIG, AuthException.Reason.AUTHORIZATION_HEADER_MALFORMED, "incorrect service \"iam\""),
                bad("credential date differs", "AWS4-HMAC-SHA256 " + CREDENTIAL.replace("20250601", "20250602")
                        + ", " + SIGNED + ", " + SIG, AuthException.Reason.AUTHORIZATION_HEADER_MALFORMED,
                        "Invalid credential date \"20250602\""),
                bad("empty signed headers", "AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders=, " + SIG,
                        AuthException.Reason.AUTHORIZATION_HEADER_MALFORMED, "is malformed"),
                bad("upper-case signed header", "AWS4-HMAC-SHA256 " + CREDENTIAL + ", " + SIGNED.replace("host",
                        "Host") + ", " + SIG, AuthException.Reason.AUTHORIZATION_HEADER_MALFORMED, "SignedHeaders"),
                bad("duplicate component", "AWS4-HMAC-SHA256 " + CREDENTIAL + ", " + CREDENTIAL + ", " + SIGNED + ", "
                        + SIG, AuthException.Reason.AUTHORIZATION_HEADER_MALFORMED, "is malformed"),
                bad("unknown component", "AWS4-HMAC-SHA256 " + CREDENTIAL + ", " + SIGNED + ", " + SIG + ", Foo=bar",
                        AuthException.Reason.AUTHORIZATION_HEADER_MALFORMED, "\"Foo=bar\" is malformed"),
                bad("signature v2", "AWS " + SdkSigner.ACCESS_KEY + ":c2lnbmF0dXJl",
                        AuthException.Reason.INVALID_REQUEST, "Please use AWS4-HMAC-SHA256"),
                bad("other algorithm", "AWS4-HMAC-SHA512 " + CREDENTIAL + ", " + SIGNED + ", " + SIG,
                        AuthException.Reason.INVALID_ARGUMENT, "Unsupported Authorization Type"),
                bad("unknown access key", "AWS4-HMAC-SHA256 " + CREDENTIAL.replace(SdkSigner.ACCESS_KEY, "AKIDNOBODY")
                        + ", " + SIGNED + ", " + SIG, AuthException.Reason.INVALID_ACCESS_KEY_ID, "does not exist"),
                bad("short signature", "AWS4-HMAC-SHA256 " + CREDENTIAL + ", " + SIGNED + ", Signature=abc",
                        AuthException.Reason.SIGNATURE_DOES_NOT_MATCH, "does not match"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedAuthorization")
    void malformedAuthorizationHeaderIsRejectedWithAwsReasonAndMessage(String authorization,
                                                                       AuthException.Reason reason, String message) {
        SignedRequest request = withHeader(signedGet(), "authorization", authorization);
        AuthException e = assertThrows(AuthException.class, () -> VERIFIER.authenticate(request));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    static Stream<Arguments> badHeaders() {
        return Stream.of(
                bad("no x-amz-date", new String[] {"x-amz-date", null}, AuthException.Reason.ACCESS_DENIED,
                        "requires a valid Date or x-amz-date header"),
                bad("garbage x-amz-date", new String[] {"x-amz-date", "2025-06-01T12:00:00Z"},
                        AuthException.Reason.ACCESS_DENIED, "requires a valid Date"),
                bad("no x-amz-content-sha256", new String[] {"x-amz-content-sha256", null},
                        AuthException.Reason.INVALID_REQUEST,
                        "Missing required header for this request: x-amz-content-sha256"),
                bad("bad x-amz-content-sha256", new String[] {"x-amz-content-sha256", "SIGNED"},
                        AuthException.Reason.INVALID_ARGUMENT, "x-amz-content-sha256 must be UNSIGNED-PAYLOAD"),
                bad("sigv4a streaming", new String[] {"x-amz-content-sha256",
                        "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD"}, AuthException.Reason.INVALID_REQUEST, "ECDSA"),
                bad("unsigned x-amz header", new String[] {"x-amz-meta-colour", "blue"},
                        AuthException.Reason.ACCESS_DENIED, "headers present in the request which were not signed"),
                bad("streaming without decoded length", new String[] {"x-amz-content-sha256",
                        PayloadMode.STREAMING_PAYLOAD}, AuthException.Reason.MISSING_SECURITY_HEADER,
                        "missing a required header"),
                bad("unsigned decoded length", new String[] {"x-amz-decoded-content-length", "5"},
                        AuthException.Reason.ACCESS_DENIED, "not signed"));
    }

    @Test
    void chunkedModesNeedAValidDecodedLengthAndOneDeclaredTrailer() {
        HeaderMap noTrailer = HeaderMap.builder().add("x-amz-decoded-content-length", "5").build();
        assertReason(AuthException.Reason.MISSING_SECURITY_HEADER,
                () -> ContentSha256.mode(PayloadMode.STREAMING_UNSIGNED_TRAILER, null, noTrailer));
        HeaderMap negative = HeaderMap.builder().add("x-amz-decoded-content-length", "-5").build();
        assertReason(AuthException.Reason.INVALID_ARGUMENT,
                () -> ContentSha256.mode(PayloadMode.STREAMING_PAYLOAD, "seed", negative));
        HeaderMap twoTrailers = HeaderMap.builder().add("x-amz-decoded-content-length", "5")
                .add("x-amz-trailer", "x-amz-checksum-crc32,x-amz-checksum-sha1").build();
        assertReason(AuthException.Reason.INVALID_ARGUMENT,
                () -> ContentSha256.mode(PayloadMode.STREAMING_PAYLOAD_TRAILER, "seed", twoTrailers));
        HeaderMap good = HeaderMap.builder().add("x-amz-decoded-content-length", "5")
                .add("X-Amz-Trailer", " X-Amz-Checksum-CRC64NVME ").build();
        assertEquals(new PayloadMode.StreamingTrailer("seed", "x-amz-checksum-crc64nvme", 5),
                ContentSha256.mode(PayloadMode.STREAMING_PAYLOAD_TRAILER, "seed", good));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHeaders")
    void badOrMissingSecurityHeaderIsRejected(String[] changes, AuthException.Reason reason, String message) {
        SignedRequest request = signedGet();
        for (int i = 0; i < changes.length; i += 2) request = withHeader(request, changes[i], changes[i + 1]);
        SignedRequest changed = request;
        AuthException e = assertThrows(AuthException.class, () -> VERIFIER.authenticate(changed));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {-16, 16, -60 * 24})
    void requestMoreThanFifteenMinutesOffTheServerClockIsTooSkewed(int minutes) {
        SigV4Verifier verifier = SdkSigner.verifier(Clock.offset(SdkSigner.CLOCK, Duration.ofMinutes(minutes)));
        AuthException e = assertThrows(AuthException.class, () -> verifier.authenticate(signedGet()));
        assertEquals(AuthException.Reason.REQUEST_TIME_TOO_SKEWED, e.reason());
        assertEquals("20250601T120000Z", e.details().get("RequestTime"));
        assertEquals("900000", e.details().get("MaxAllowedSkewMilliseconds"));
        assertEquals(SdkSigner.NOW.plus(Duration.ofMinutes(minutes)).toString(), e.details().get("ServerTime"));
    }

    @ParameterizedTest
    @ValueSource(ints = {-14, 0, 14})
    void requestWithinFifteenMinutesIsAccepted(int minutes) {
        SigV4Verifier verifier = SdkSigner.verifier(Clock.offset(SdkSigner.CLOCK, Duration.ofMinutes(minutes)));
        assertInstanceOf(AuthResult.Authenticated.class, verifier.authenticate(signedGet()));
    }

    @Test
    void signatureMismatchCarriesTheCanonicalRequestAndStringToSignLikeAws() {
        SignedRequest request = withHeader(signedGet(), "x-amz-date", "20250601T120001Z");
        AuthException e = assertThrows(AuthException.class, () -> VERIFIER.authenticate(request));
        assertEquals(AuthException.Reason.SIGNATURE_DOES_NOT_MATCH, e.reason());
        assertEquals("GET\n/bucket/key\n\nhost:s3.granary.test\nx-amz-content-sha256:" + SigV4Signing.EMPTY_SHA256
                + "\nx-amz-date:20250601T120001Z\n\nhost;x-amz-content-sha256;x-amz-date\n" + SigV4Signing.EMPTY_SHA256,
                e.details().get("CanonicalRequest"));
        assertTrue(e.details().get("StringToSign").startsWith("AWS4-HMAC-SHA256\n20250601T120001Z\n"
                + "20250601/us-east-1/s3/aws4_request\n"));
        assertTrue(e.details().get("StringToSignBytes").startsWith("41 57 53 34 2d"));
        assertEquals(SdkSigner.ACCESS_KEY, e.details().get("AWSAccessKeyId"));
    }

    @Test
    void requestWithoutCredentialsIsAnonymous() {
        HeaderMap headers = HeaderMap.builder().add("Host", "s3.granary.test").build();
        AuthResult result = VERIFIER.authenticate(new SignedRequest("GET", "/bucket/key", "", headers));
        assertEquals(new AuthResult.Anonymous(new PayloadMode.Unsigned()), result);
        HeaderMap trailer = HeaderMap.builder().add("Host", "h").add("x-amz-content-sha256",
                PayloadMode.STREAMING_UNSIGNED_TRAILER).add("x-amz-decoded-content-length", "3")
                .add("x-amz-trailer", "x-amz-checksum-crc32").build();
        assertEquals(new AuthResult.Anonymous(new PayloadMode.UnsignedTrailer("x-amz-checksum-crc32", 3)),
                VERIFIER.authenticate(new SignedRequest("PUT", "/b/k", null, trailer)));
        HeaderMap signedChunks = HeaderMap.builder().add("Host", "h").add("x-amz-content-sha256",
                PayloadMode.STREAMING_PAYLOAD).add("x-amz-decoded-content-length", "3").build();
        assertReason(AuthException.Reason.ACCESS_DENIED,
                () -> VERIFIER.authenticate(new SignedRequest("PUT", "/b/k", null, signedChunks)));
    }

    @Test
    void headerAndQuerySignatureTogetherAreRejected() {
        SignedRequest get = signedGet();
        SignedRequest both = new SignedRequest("GET", get.rawPath(), "X-Amz-Signature=abc", get.headers());
        assertReason(AuthException.Reason.INVALID_ARGUMENT, () -> VERIFIER.authenticate(both));
    }

    @Test
    void dateHeaderMustBeSignedWhenItCarriesTheRequestTime() {
        HeaderMap headers = HeaderMap.builder().add("Host", "h").add("Date", "Sun, 01 Jun 2025 12:00:00 GMT")
                .add("Authorization", "AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders=host, " + SIG).build();
        AuthException e = assertThrows(AuthException.class,
                () -> VERIFIER.authenticate(new SignedRequest("GET", "/b/k", "", headers)));
        assertEquals(AuthException.Reason.ACCESS_DENIED, e.reason());
        assertEquals("date", e.details().get("HeadersNotSigned"));
        assertEquals("20250601T120000Z", RequestTime.fromHeaders(headers).timestamp());
    }

    static Stream<Arguments> badPresignedQueries() {
        String ok = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + SdkSigner.ACCESS_KEY
                + "%2F20250601%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20250601T120000Z&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=" + "a".repeat(64);
        AuthException.Reason error = AuthException.Reason.AUTHORIZATION_QUERY_PARAMETERS_ERROR;
        return Stream.of(
                bad("missing expires", ok, error, "requires the X-Amz-Algorithm"),
                bad("zero expires", ok + "&X-Amz-Expires=0", error, "at least 1 second"),
                bad("negative expires", ok + "&X-Amz-Expires=-1", error, "must be non-negative"),
                bad("expires over a week", ok + "&X-Amz-Expires=604801", error, "less than a week"),
                bad("expires not a number", ok + "&X-Amz-Expires=1h", error, "should be a number"),
                bad("other algorithm", ok.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1") + "&X-Amz-Expires=60", error,
                        "only supports"),
                bad("extended date", ok.replace("20250601T120000Z", "2025-06-01T12:00:00Z") + "&X-Amz-Expires=60",
                        error, "ISO8601 Long Format"),
                bad("short credential", ok.replace("%2Fs3%2Faws4_request", "") + "&X-Amz-Expires=60", error,
                        "Error parsing the X-Amz-Credential parameter; the Credential is mal-formed"),
                bad("wrong region", ok.replace("us-east-1", "ap-south-1") + "&X-Amz-Expires=60", error,
                        "the region 'ap-south-1' is wrong"),
                bad("signature v2", "AWSAccessKeyId=AK&Signature=abc&Expires=1700000000",
                        AuthException.Reason.INVALID_REQUEST, "not supported"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPresignedQueries")
    void badPresignedQueryIsRejectedWithAwsReasonAndMessage(String query, AuthException.Reason reason,
                                                            String message) {
        HeaderMap headers = HeaderMap.builder().add("Host", "s3.granary.test").build();
        AuthException e = assertThrows(AuthException.class,
                () -> VERIFIER.authenticate(new SignedRequest("GET", "/b/k", query, headers)));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 60, 604_800})
    void presignedUrlIsValidExactlyForItsExpiresSeconds(long seconds) {
        SignedRequest request = SdkSigner.sign(SdkSigner.request(SdkHttpMethod.GET, "bucket", "k"), null, r -> r
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(seconds))).request();
        assertTrue(request.rawQuery().contains("X-Amz-Expires=" + seconds), request.rawQuery());
        SigV4Verifier atExpiry = SdkSigner.verifier(Clock.offset(SdkSigner.CLOCK, Duration.ofSeconds(seconds)));
        assertInstanceOf(AuthResult.Authenticated.class, atExpiry.authenticate(request));
        SigV4Verifier after = SdkSigner.verifier(Clock.offset(SdkSigner.CLOCK, Duration.ofSeconds(seconds + 1)));
        AuthException e = assertThrows(AuthException.class, () -> after.authenticate(request));
        assertEquals("Request has expired", e.getMessage());
    }

    private static Arguments bad(String name, Object input, AuthException.Reason reason, String message) {
        return Arguments.of(Named.of(name, input), reason, message);
    }
}
