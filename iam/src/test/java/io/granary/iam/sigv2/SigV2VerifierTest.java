package io.granary.iam.sigv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.iam.sigv4.AuthException;
import io.granary.iam.sigv4.AuthResult;
import io.granary.iam.sigv4.Credential;
import io.granary.iam.sigv4.CredentialLookup;
import io.granary.iam.sigv4.HeaderMap;
import io.granary.iam.sigv4.PayloadMode;
import io.granary.iam.sigv4.SigV4Verifier;
import io.granary.iam.sigv4.SignedRequest;
import io.granary.iam.sigv4.SigningKeyCache;
import io.granary.iam.sigv4.SigningRules;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SigV2Verifier} against the examples of AWS's "Signing and authenticating REST requests (AWS signature
 * version 2)" page (computed for its original bucket name {@code johnsmith}; the renamed page kept those
 * signatures), and its refusals.
 */
class SigV2VerifierTest {
    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final CredentialLookup LOOKUP = id -> id.equals(ACCESS_KEY)
            ? Optional.of(new Credential(ACCESS_KEY, SECRET_KEY, "user-7")) : Optional.empty();

    /** One documented request: its Date (the verifier's clock), Host bucket, method, path, query and headers. */
    record Example(String date, String bucket, String method, String path, String query, String[] headers,
                   String signature) {
        SignedRequest request(String authorization) {
            HeaderMap.Builder builder = HeaderMap.builder().add("Date", date);
            for (int i = 0; i < headers.length; i += 2) {
                builder.add(headers[i], headers[i + 1]);
            }
            if (authorization != null) builder.add("Authorization", authorization);
            return new SignedRequest(method, path, query, builder.build());
        }

        SignedRequest signed() {
            return request("AWS " + ACCESS_KEY + ":" + signature);
        }

        Clock clock() {
            return Clock.fixed(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant(),
                    ZoneOffset.UTC);
        }
    }

    static Stream<Arguments> documentedExamples() {
        return Stream.of(
                example("object GET", new Example("Tue, 27 Mar 2007 19:36:42 +0000", "johnsmith", "GET",
                        "/photos/puppy.jpg", "", new String[0], "bWq2s1WEIj+Ydj0vQ697zp+IXMU=")),
                example("object PUT", new Example("Tue, 27 Mar 2007 21:15:45 +0000", "johnsmith", "PUT",
                        "/photos/puppy.jpg", "", new String[] {"Content-Type", "image/jpeg", "Content-Length",
                            "94328"}, "MyyxeRY7whkBe+bq8fHCL/2kKUg=")),
                example("list (query not signed)", new Example("Tue, 27 Mar 2007 19:42:41 +0000", "johnsmith", "GET",
                        "/", "prefix=photos&max-keys=50&marker=puppy", new String[] {"User-Agent", "Mozilla/5.0"},
                        "htDYFYduRNen8P9ZfE/s9SuKy0U=")),
                example("acl sub-resource", new Example("Tue, 27 Mar 2007 19:44:46 +0000", "johnsmith", "GET", "/",
                        "acl", new String[0], "c2WLPFtWHVgbEmeEG93a4cG37dM=")),
                example("upload with amz headers", new Example("Tue, 27 Mar 2007 21:06:08 +0000",
                        "static.johnsmith.net", "PUT", "/db-backup.dat.gz", "", new String[] {
                            "User-Agent", "curl/7.15.5", "x-amz-acl", "public-read",
                            "content-type", "application/x-download", "Content-MD5", "4gJE4saaMU4BqNR0kLY+lw==",
                            "X-Amz-Meta-ReviewedBy", "joe@johnsmith.net", "X-Amz-Meta-ReviewedBy", "jane@johnsmith.net",
                            "X-Amz-Meta-FileChecksum", "0x02661779", "X-Amz-Meta-ChecksumAlgorithm", "crc32",
                            "Content-Disposition", "attachment; filename=database.dat", "Content-Encoding", "gzip",
                            "Content-Length", "5913339"}, "ilyl83RwaSoYIEdixDQcA4OnAnc=")),
                example("list all my buckets", new Example("Wed, 28 Mar 2007 01:29:59 +0000", null, "GET", "/", "",
                        new String[0], "qGdzdERIC03wnaRNKh6OqZehG9s=")),
                example("unicode key signed as sent", new Example("Wed, 28 Mar 2007 01:49:49 +0000", null, "GET",
                        "/dictionary/fran%C3%A7ais/pr%c3%a9f%c3%a8re", "", new String[0],
                        "DNEZGsoieTZ92F3bUfSPQcbGmlM=")));
    }

    private static Arguments example(String name, Example example) {
        return Arguments.of(Named.of(name, example));
    }

    @ParameterizedTest
    @MethodSource("documentedExamples")
    void acceptsTheDocumentedHeaderSignedRequests(Example example) {
        AuthResult.SignedV2 result = new SigV2Verifier(LOOKUP, example.clock()).authenticate(example.signed(),
                example.bucket());
        assertEquals("user-7", result.principal());
        assertEquals(ACCESS_KEY, result.accessKeyId());
        assertEquals(new PayloadMode.Unsigned(), result.payloadMode());
        assertTrue(!result.presigned());
    }

    @ParameterizedTest
    @MethodSource("documentedExamples")
    void aTamperedHeaderSignedRequestFailsWithTheStringToSign(Example example) {
        SignedRequest tampered = example.request("AWS " + ACCESS_KEY + ":" + "A" + example.signature().substring(1));
        AuthException e = assertThrows(AuthException.class,
                () -> new SigV2Verifier(LOOKUP, example.clock()).authenticate(tampered, example.bucket()));
        assertEquals(AuthException.Reason.SIGNATURE_DOES_NOT_MATCH, e.reason());
        assertTrue(e.details().get("StringToSign").startsWith(example.method() + "\n"));
        assertEquals(ACCESS_KEY, e.details().get("AWSAccessKeyId"));
    }

    @Test
    void uploadStringToSignCanonicalizesAmzHeaders() {
        Example upload = exampleNo(4);
        AuthException e = assertThrows(AuthException.class, () -> new SigV2Verifier(LOOKUP, upload.clock())
                .authenticate(upload.request("AWS " + ACCESS_KEY + ":x"), upload.bucket()));
        assertEquals("PUT\n4gJE4saaMU4BqNR0kLY+lw==\napplication/x-download\nTue, 27 Mar 2007 21:06:08 +0000\n"
                + "x-amz-acl:public-read\nx-amz-meta-checksumalgorithm:crc32\nx-amz-meta-filechecksum:0x02661779\n"
                + "x-amz-meta-reviewedby:joe@johnsmith.net,jane@johnsmith.net\n/static.johnsmith.net/db-backup.dat.gz",
                e.details().get("StringToSign"));
    }

    @Test
    void acceptsTheDocumentedPresignedUrlUntilItExpires() {
        SignedRequest request = new SignedRequest("GET", "/photos/puppy.jpg", "AWSAccessKeyId=" + ACCESS_KEY
                + "&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620", HeaderMap.builder().build());
        Instant expires = Instant.ofEpochSecond(1175139620);
        AuthResult.SignedV2 result = new SigV2Verifier(LOOKUP, Clock.fixed(expires, ZoneOffset.UTC))
                .authenticate(request, "johnsmith");
        assertTrue(result.presigned());
        AuthException e = assertThrows(AuthException.class, () -> new SigV2Verifier(LOOKUP,
                Clock.fixed(expires.plusSeconds(1), ZoneOffset.UTC)).authenticate(request, "johnsmith"));
        assertEquals(AuthException.Reason.ACCESS_DENIED, e.reason());
        assertEquals("Request has expired", e.getMessage());
        assertEquals("2007-03-29T03:40:20Z", e.details().get("Expires"));
        assertEquals("2007-03-29T03:40:21Z", e.details().get("ServerTime"));
    }

    @Test
    void signedSubResourcesAreSortedAndDecodedAndOthersLeftOut() {
        assertEquals("/b/k?partNumber=2&response-content-type=text/x y&uploadId=a+b",
                CanonicalResource.of(null, "/b/k", "uploadId=a%2Bb&x-id=UploadPart&partNumber=2"
                        + "&response-content-type=text%2Fx%20y&prefix=p"));
        assertEquals("/b/?acl", CanonicalResource.of("b", "/", "acl"));
        assertEquals("/b/?delete=", CanonicalResource.of("b", "/", "delete="));
        assertEquals("/b/k%2520x", CanonicalResource.of(null, "/b/k%2520x", ""));
        assertEquals("/b/?versioning", CanonicalResource.of(null, "/b", "versioning"));
    }

    /**
     * The "Delete" example's request (path style, Date and x-amz-date). Its signatures here were computed with
     * Python's hmac: AWS's rule (empty Date line, x-amz-date signed as an amz header) and botocore's (Date kept).
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"R4dJ53KECjStyBO5iTBJZ4XVOaI=",
        "H5ANDnX2Ut8ovG72UqDTNyFiqH0="})
    void xAmzDateIsTheRequestTimeAndIsSignedAsAnAmzHeader(String signature) {
        Example delete = new Example("Tue, 27 Mar 2007 21:20:27 +0000", null, "DELETE", "/johnsmith/photos/puppy.jpg",
                "", new String[] {"User-Agent", "dotnet", "x-amz-date", "Tue, 27 Mar 2007 21:20:26 +0000"}, signature);
        assertEquals("user-7", new SigV2Verifier(LOOKUP, delete.clock()).authenticate(delete.signed(), null)
                .principal());
        AuthException e = assertThrows(AuthException.class, () -> new SigV2Verifier(LOOKUP, delete.clock())
                .authenticate(delete.request("AWS " + ACCESS_KEY + ":x"), null));
        assertEquals("DELETE\n\n\n\nx-amz-date:Tue, 27 Mar 2007 21:20:26 +0000\n/johnsmith/photos/puppy.jpg",
                e.details().get("StringToSign"));
    }

    @Test
    void foldedHeaderValuesAreUnfolded() {
        assertEquals("a b c", StringToSign.unfold("  a \r\n  b\n\tc "));
    }

    @Test
    void headerSignedRequestsOutsideFifteenMinutesAreTooSkewed() {
        Example get = exampleNo(0);
        Clock late = Clock.offset(get.clock(), java.time.Duration.ofMinutes(16));
        AuthException e = assertThrows(AuthException.class,
                () -> new SigV2Verifier(LOOKUP, late).authenticate(get.signed(), get.bucket()));
        assertEquals(AuthException.Reason.REQUEST_TIME_TOO_SKEWED, e.reason());
        Clock early = Clock.offset(get.clock(), java.time.Duration.ofMinutes(-16));
        assertEquals(AuthException.Reason.REQUEST_TIME_TOO_SKEWED, assertThrows(AuthException.class,
                () -> new SigV2Verifier(LOOKUP, early).authenticate(get.signed(), get.bucket())).reason());
        Clock within = Clock.offset(get.clock(), java.time.Duration.ofMinutes(14));
        assertEquals("user-7", new SigV2Verifier(LOOKUP, within).authenticate(get.signed(), get.bucket())
                .principal());
    }

    static Stream<Arguments> refusals() {
        String date = "Tue, 27 Mar 2007 19:36:42 +0000";
        return Stream.of(
                refusal("no colon", new SignedRequest("GET", "/b/k", "", headers("Date", date, "Authorization",
                        "AWS " + ACCESS_KEY)), AuthException.Reason.INVALID_ARGUMENT),
                refusal("empty signature", new SignedRequest("GET", "/b/k", "", headers("Date", date,
                        "Authorization", "AWS " + ACCESS_KEY + ":")), AuthException.Reason.INVALID_ARGUMENT),
                refusal("no date", new SignedRequest("GET", "/b/k", "", headers("Authorization",
                        "AWS " + ACCESS_KEY + ":abc=")), AuthException.Reason.ACCESS_DENIED),
                refusal("unparsable date", new SignedRequest("GET", "/b/k", "", headers("Date", "yesterday",
                        "Authorization", "AWS " + ACCESS_KEY + ":abc=")), AuthException.Reason.ACCESS_DENIED),
                refusal("unknown key", new SignedRequest("GET", "/b/k", "", headers("Date", date, "Authorization",
                        "AWS AKIDUNKNOWN:abc=")), AuthException.Reason.INVALID_ACCESS_KEY_ID),
                refusal("presigned without Expires", new SignedRequest("GET", "/b/k", "AWSAccessKeyId=" + ACCESS_KEY
                        + "&Signature=abc", headers()), AuthException.Reason.ACCESS_DENIED),
                refusal("presigned Expires not a number", new SignedRequest("GET", "/b/k", "AWSAccessKeyId="
                        + ACCESS_KEY + "&Signature=abc&Expires=soon", headers()), AuthException.Reason.ACCESS_DENIED),
                refusal("presigned and Authorization", new SignedRequest("GET", "/b/k", "AWSAccessKeyId="
                        + ACCESS_KEY + "&Signature=abc&Expires=1175139620", headers("Authorization",
                        "AWS " + ACCESS_KEY + ":abc=")), AuthException.Reason.INVALID_ARGUMENT),
                refusal("two Authorization headers", new SignedRequest("GET", "/b/k", "", headers("Date", date,
                        "Authorization", "AWS " + ACCESS_KEY + ":bWq2s1WEIj+Ydj0vQ697zp+IXMU=", "Authorization",
                        "AWS " + ACCESS_KEY + ":abc=")), AuthException.Reason.INVALID_ARGUMENT));
    }

    private static Arguments refusal(String name, SignedRequest request, AuthException.Reason reason) {
        return Arguments.of(Named.of(name, request), reason);
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refusesWithTheReasonS3Gives(SignedRequest request, AuthException.Reason reason) {
        Clock clock = exampleNo(0).clock();
        assertEquals(reason, assertThrows(AuthException.class,
                () -> new SigV2Verifier(LOOKUP, clock).authenticate(request, null)).reason());
    }

    @Test
    void theSigV4VerifierRefusesSigV2AsUnsupported() {
        SigV4Verifier v4 = new SigV4Verifier(LOOKUP, new SigningKeyCache(4), exampleNo(0).clock(),
                SigningRules.s3("us-east-1"));
        AuthException e = assertThrows(AuthException.class, () -> v4.authenticate(exampleNo(0).signed()));
        assertEquals(AuthException.Reason.INVALID_REQUEST, e.reason());
        assertTrue(e.getMessage().endsWith("Please use AWS4-HMAC-SHA256."));
    }

    static HeaderMap headers(String... pairs) {
        HeaderMap.Builder builder = HeaderMap.builder();
        for (int i = 0; i < pairs.length; i += 2) {
            builder.add(pairs[i], pairs[i + 1]);
        }
        return builder.build();
    }

    private static Example exampleNo(int index) {
        return (Example) ((Named<?>) documentedExamples().skip(index).findFirst().orElseThrow().get()[0])
                .getPayload();
    }
}
