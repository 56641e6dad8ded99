package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.it.RawHttpClient.Response;
import io.granary.api.it.RawRequest.Signing;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Raw-HTTP tests of the issue-15 details not covered elsewhere (see docs/conformance.md). */
@Timeout(60)
class DetailsIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final byte[] BODY = "details".getBytes(StandardCharsets.US_ASCII);

    private static RawBucket fixture;
    private static String bucket;
    private static RawHttpClient http;

    @BeforeAll
    static void createBucket() throws IOException {
        fixture = RawBucket.create(SERVER);
        bucket = fixture.name;
        http = fixture.http;
    }

    /**
     * What botocore and the AWS SDKs send: the value's UTF-8 bytes, signed as such. The signature verifies
     * over those raw bytes, and the value comes back as S3 returns non-ASCII metadata, an RFC 2047 word.
     */
    @Test
    void nonAsciiMetadataSentAsUtf8VerifiesAndComesBackRfc2047Encoded() throws IOException {
        Response put = http.send(request("PUT", "/" + bucket + "/meta-utf8", "").header("x-amz-meta-city", "Zürich")
                .header("x-amz-meta-plain", "ascii").body(BODY).signed().wire());
        assertEquals(200, put.status(), put.text());
        Response head = http.send(request("HEAD", "/" + bucket + "/meta-utf8", "").signed().wire());
        assertEquals("=?UTF-8?B?" + Base64.getEncoder().encodeToString("Zürich".getBytes(StandardCharsets.UTF_8))
                + "?=", head.header("x-amz-meta-city"));
        assertEquals("ascii", head.header("x-amz-meta-plain"));
    }

    /** An old client's ISO-8859-1 bytes (not valid UTF-8) are taken as the characters they are. */
    @Test
    void nonAsciiMetadataSentAsLatin1BytesVerifies() throws IOException {
        byte[] wire = latin1Head(request("PUT", "/" + bucket + "/meta-latin1", "").header("x-amz-meta-city", "Zürich")
                .body(BODY).signed().wire());
        Response put = http.send(wire);
        assertEquals(200, put.status(), put.text());
        Response head = http.send(request("HEAD", "/" + bucket + "/meta-latin1", "").signed().wire());
        assertTrue(head.header("x-amz-meta-city").startsWith("=?UTF-8?B?"), head.header("x-amz-meta-city"));
    }

    @Test
    void uploadPartCopyRangesMustBeFirstLastInsideTheSource() throws IOException {
        assertEquals(200, http.send(request("PUT", "/" + bucket + "/copy-source", "").body(BODY).signed().wire())
                .status());
        String upload = fixture.createUpload("copy-target");
        String target = "/" + bucket + "/copy-target";
        for (String range : List.of("bytes=0-7", "bytes=7-7", "bytes=3-1", "bytes=-3", "bytes=2-", "items=0-1",
                "bytes=0-1,3-4", "bytes=a-b")) {
            ErrorAnswers.assertError(http.send(request("PUT", target, "partNumber=1&uploadId=" + upload)
                    .header("x-amz-copy-source", "/" + bucket + "/copy-source").header("x-amz-copy-source-range", range)
                    .signed().wire()), 400, "InvalidArgument");
        }
        Response good = http.send(request("PUT", target, "partNumber=1&uploadId=" + upload)
                .header("x-amz-copy-source", "/" + bucket + "/copy-source").header("x-amz-copy-source-range",
                        "bytes=1-3").signed().wire());
        assertEquals(200, good.status(), good.text());
        assertTrue(good.text().contains("<ETag>&quot;" + TestData.md5Hex(Arrays.copyOfRange(BODY, 1, 4))
                + "&quot;</ETag>") || good.text().contains(TestData.md5Hex(Arrays.copyOfRange(BODY, 1, 4))),
                good.text());
    }

    @Test
    void anExpiredPresignedPutIsAccessDeniedAndStoresNothing() throws IOException {
        String path = "/" + bucket + "/presigned-late";
        String host = "127.0.0.1:" + SERVER.port();
        Signing past = new Signing(Instant.now().minusSeconds(120), GranaryServerExtension.ACCESS_KEY,
                GranaryServerExtension.SECRET_KEY);
        ErrorAnswers.assertError(http.send(RawRequest.of("PUT", path, RawRequest.presignedQuery("PUT", path, host,
                past, 60)).header("Host", host).body(BODY).wire()), 403, "AccessDenied");
        ErrorAnswers.assertError(http.send(request("GET", path, "").signed().wire()), 404, "NoSuchKey");
        Response fresh = http.send(RawRequest.of("PUT", path, RawRequest.presignedQuery("PUT", path, host,
                Signing.now(), 60)).header("Host", host).body(BODY).wire());
        assertEquals(200, fresh.status(), fresh.text());
    }

    /** A key that is not valid UTF-8 is 400 InvalidURI whatever the operation. */
    @ParameterizedTest(name = "{0} ?{1}")
    @CsvSource(delimiter = '|', value = {"GET|", "HEAD|", "PUT|", "DELETE|", "POST|uploads", "PUT|tagging",
        "GET|tagging", "DELETE|tagging", "GET|acl", "PUT|acl", "GET|attributes", "GET|uploadId=x",
        "PUT|partNumber=1&uploadId=x", "POST|uploadId=x", "DELETE|uploadId=x"})
    void aKeyThatIsNotUtf8IsInvalidUriOnEveryOperation(String method, String query) throws IOException {
        RawRequest bad = request(method, "/" + bucket + "/bad%C3%28key", query == null ? "" : query);
        if (method.equals("GET") && query == null) bad.header("x-amz-copy-source", "/" + bucket + "/x");
        Response response = http.send(bad.signed().wire());
        if (method.equals("HEAD")) {
            assertEquals(400, response.status());
        } else {
            ErrorAnswers.assertError(response, 400, "InvalidURI");
        }
        Response copy = http.send(request("PUT", "/" + bucket + "/ok", "").header("x-amz-copy-source",
                "/" + bucket + "/bad%C3%28key").signed().wire());
        assertEquals(400, copy.status(), copy.text());
    }

    @Test
    void taggingOnCreateMultipartUploadAppliesToTheObjectInTheOrderSent() throws IOException {
        RawRequest create = request("POST", "/" + bucket + "/tagged-mpu", "uploads").header("x-amz-tagging",
                "zeta=1&alpha=2&mid=3");
        Matcher id = Pattern.compile("<UploadId>([^<]+)</UploadId>").matcher(http.send(create.signed().wire()).text());
        assertTrue(id.find());
        String upload = URLEncoder.encode(id.group(1), StandardCharsets.UTF_8);
        Response part = http.send(request("PUT", "/" + bucket + "/tagged-mpu", "partNumber=1&uploadId=" + upload)
                .body(BODY).signed().wire());
        assertEquals(200, fixture.completeOnePart("tagged-mpu", upload, part.header("etag")).status());
        String tags = http.send(request("GET", "/" + bucket + "/tagged-mpu", "tagging").signed().wire()).text();
        assertTrue(tags.matches("(?s).*zeta.*alpha.*mid.*"), "tags in the order sent: " + tags);
        assertEquals("3", http.send(request("HEAD", "/" + bucket + "/tagged-mpu", "").signed().wire())
                .header("x-amz-tagging-count"));
    }

    /** The server runs without --domain: a virtual-host Host is told so, not read as path-style. */
    @Test
    void aVirtualHostRequestToAServerWithoutADomainIsAClearError() throws IOException {
        String body = ErrorAnswers.assertError(http.send(RawRequest.of("GET", "/some-key", "").header("Host",
                bucket + ".localhost:" + SERVER.port()).signed().wire()), 400, "InvalidRequest");
        assertTrue(body.contains("--domain"), body);
    }

    private static byte[] latin1Head(byte[] utf8Wire) {
        return new String(utf8Wire, StandardCharsets.UTF_8).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static RawRequest request(String method, String path, String query) {
        return fixture.request(method, path, query);
    }
}
