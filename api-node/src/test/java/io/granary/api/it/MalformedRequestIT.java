package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.it.RawHttpClient.Exchange;
import io.granary.api.it.RawHttpClient.Response;
import io.granary.api.it.RawRequest.Signing;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input over raw HTTP, one case per test: each answer must be the S3 error AWS gives (status,
 * {@code <Code>}, a {@code <RequestId>} equal to the {@code x-amz-request-id} header; HEAD answers carry
 * the header only), a client's mistake is never a 5xx or a hang, a rejected upload stores nothing, and
 * after every test a fresh connection is served normally.
 */
@Timeout(60)
class MalformedRequestIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final int MIB = 1024 * 1024;
    private static final int CHUNK = 64 * 1024;
    private static final byte[] SMALL = "0123456789".getBytes(StandardCharsets.US_ASCII);

    private static String bucket;
    private static RawHttpClient http;
    private Set<Path> filesBefore;

    @BeforeAll
    static void createBucketWithOneObject() throws IOException {
        http = new RawHttpClient(SERVER.port());
        bucket = GranaryServerExtension.newBucket();
        assertEquals(200, http.send(request("PUT", "/" + bucket).signed().wire()).status());
        assertEquals(200, http.send(request("PUT", "/" + bucket + "/small").body(SMALL).signed().wire()).status());
    }

    @BeforeEach
    void rememberShardFiles() {
        filesBefore = ShardFiles.all(SERVER.dataDir());
    }

    @AfterEach
    void serverKeepsServingOnAFreshConnection() throws IOException {
        Response response = http.send(request("GET", "/" + bucket + "/small").signed().wire());
        assertEquals(200, response.status(), response.text());
        assertArrayEquals(SMALL, response.body());
    }

    // ---- authentication ----

    @Test
    void unsignedGetOfAPrivateBucketIsAccessDenied() throws IOException {
        assertError(http.send(request("GET", "/" + bucket + "/small").wire()), 403, "AccessDenied");
    }

    @Test
    void unknownAccessKeyIsInvalidAccessKeyId() throws IOException {
        Signing stranger = new Signing(Instant.now(), "GKNOSUCHACCESSKEY000", "secret");
        RawRequest get = request("GET", "/" + bucket + "/small").sign(stranger, RawRequest.sha256Hex(new byte[0]));
        assertError(http.send(get.wire()), 403, "InvalidAccessKeyId");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"wrong secret key", "one signature digit changed", "signed header changed after signing"})
    void aWrongSignatureIsSignatureDoesNotMatchWithWhatWasSigned(String how) throws IOException {
        Signing signing = how.equals("wrong secret key")
                ? new Signing(Instant.now(), GranaryServerExtension.ACCESS_KEY, "not-the-secret")
                : Signing.now();
        RawRequest get = request("GET", "/" + bucket + "/small").header("x-amz-meta-probe", "original")
                .sign(signing, RawRequest.sha256Hex(new byte[0]));
        if (how.equals("one signature digit changed")) {
            String tampered = signing.signature.charAt(0) == '0' ? "1" : "0";
            get.header("Authorization", get.wireHeader("Authorization").replace("Signature=" + signing.signature,
                    "Signature=" + tampered + signing.signature.substring(1)));
        } else if (how.equals("signed header changed after signing")) {
            get.header("x-amz-meta-probe", "changed");
        }
        Response response = http.send(get.wire());
        String body = assertError(response, 403, "SignatureDoesNotMatch");
        assertTrue(body.contains("<StringToSign>"), body);
        assertTrue(body.contains("<CanonicalRequest>"), body);
        if (!how.equals("signed header changed after signing")) {
            String canonicalHash = signing.stringToSign.substring(signing.stringToSign.lastIndexOf('\n') + 1);
            assertTrue(body.contains(canonicalHash), "the server's StringToSign should equal ours: " + body);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "only a credential|AWS4-HMAC-SHA256 Credential=GKTESTROOTACCESSKEY1|AuthorizationHeaderMalformed",
        "unknown component|AWS4-HMAC-SHA256 Credential=GKTESTROOTACCESSKEY1/20250101/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host, Signature=00, Extra=1|AuthorizationHeaderMalformed",
        "short credential scope|AWS4-HMAC-SHA256 Credential=GKTESTROOTACCESSKEY1/20250101, SignedHeaders=host, "
                + "Signature=00|AuthorizationHeaderMalformed",
        "credential date not the request date|AWS4-HMAC-SHA256 Credential=GKTESTROOTACCESSKEY1/19990101/us-east-1/"
                + "s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=00"
                + "|AuthorizationHeaderMalformed",
        "unknown algorithm|Bearer abc.def|InvalidArgument"})
    void aMalformedAuthorizationHeaderIsA400(String name, String authorization, String code) throws IOException {
        RawRequest get = request("GET", "/" + bucket + "/small")
                .header("x-amz-date", Signing.now().amzDate())
                .header("x-amz-content-sha256", RawRequest.sha256Hex(new byte[0]))
                .header("Authorization", authorization);
        assertError(http.send(get.wire()), 400, code);
    }

    @ParameterizedTest(name = "{0} minutes")
    @ValueSource(ints = {-20, 20})
    void aClockSkewOfTwentyMinutesIsRequestTimeTooSkewed(int minutes) throws IOException {
        Signing skewed = new Signing(Instant.now().plus(Duration.ofMinutes(minutes)),
                GranaryServerExtension.ACCESS_KEY, GranaryServerExtension.SECRET_KEY);
        RawRequest get = request("GET", "/" + bucket + "/small").sign(skewed, RawRequest.sha256Hex(new byte[0]));
        assertError(http.send(get.wire()), 403, "RequestTimeTooSkewed");
    }

    // ---- payload integrity ----

    @Test
    void aBodyNotMatchingItsLiteralContentSha256IsRejectedAndNotStored() throws IOException {
        RawRequest put = request("PUT", "/" + bucket + "/sha-mismatch").body(bytes(1000, 1))
                .sign(Signing.now(), RawRequest.sha256Hex(bytes(1000, 2)));
        assertError(http.send(put.wire()), 400, "XAmzContentSHA256Mismatch");
        assertNotStored("sha-mismatch");
    }

    @Test
    void anAwsChunkedBodyEndingMidChunkIsIncompleteBodyAndNotStored() throws IOException {
        ChunkedPut put = chunkedPut("truncated", 100_000, 3);
        put.request().body(Arrays.copyOf(put.encoded(), 30_000));
        assertError(http.send(put.request().wire()), 400, "IncompleteBody");
        assertNotStored("truncated");
    }

    @Test
    void anAwsChunkedBodyCutOffByAHalfCloseIsNeverA5xxAndNotStored() throws IOException {
        ChunkedPut put = chunkedPut("half-closed", 100_000, 4);
        put.request().noAutomaticLength().header("Content-Length", String.valueOf(put.encoded().length))
                .body(Arrays.copyOf(put.encoded(), 30_000));
        assertClientErrorOrClosed(http.exchange(put.request().wire(), true, 1));
        assertNotStored("half-closed");
    }

    @Test
    void aWrongChunkSignatureIsSignatureDoesNotMatchAndNotStored() throws IOException {
        ChunkedPut put = chunkedPut("bad-chunk-sig", 100_000, 5);
        breakChunkSignature(put.encoded(), Integer.toHexString(100_000 - CHUNK));
        assertError(http.send(put.request().body(put.encoded()).wire()), 403, "SignatureDoesNotMatch");
        assertNotStored("bad-chunk-sig");
    }

    @Test
    void aMalformedChunkSizeLineIsA400AndNotStored() throws IOException {
        ChunkedPut put = chunkedPut("bad-size-line", 1000, 6);
        put.encoded()[0] = 'z';
        assertError(http.send(put.request().body(put.encoded()).wire()), 400, "InvalidRequest");
        assertNotStored("bad-size-line");
    }

    @Test
    void aContentLengthShorterThanTheBodyNeverMakesTheLeftoverBytesA5xx() throws IOException {
        byte[] body = bytes(1000, 7);
        byte[] leftover = "\u0001\u0002 not an http request\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = concat(body, leftover);
        RawRequest put = request("PUT", "/" + bucket + "/short-length").sign(Signing.now(), RawRequest.sha256Hex(all))
                .noAutomaticLength().header("Content-Length", String.valueOf(body.length)).body(all);
        Exchange exchange = http.exchange(put.wire(), false, 2);
        assertError(exchange.first(), 400, "XAmzContentSHA256Mismatch");
        if (exchange.responses().size() > 1) {
            Response second = exchange.responses().get(1);
            assertTrue(second.status() >= 400 && second.status() < 500, "leftover bytes answered " + second.status());
        } else {
            assertTrue(exchange.closed(), "the server should answer the leftover bytes or close the connection");
        }
        assertNotStored("short-length");
    }

    @Test
    void aContentLengthLongerThanTheBodyIsNeverA5xxAndNotStored() throws IOException {
        byte[] body = bytes(1000, 8);
        RawRequest put = request("PUT", "/" + bucket + "/long-length").sign(Signing.now(), RawRequest.UNSIGNED)
                .noAutomaticLength().header("Content-Length", String.valueOf(body.length + 500)).body(body);
        assertClientErrorOrClosed(http.exchange(put.wire(), true, 1));
        assertNotStored("long-length");
    }

    @Test
    void aPutWithNeitherContentLengthNorAChunkedBodyIsMissingContentLength() throws IOException {
        RawRequest put = request("PUT", "/" + bucket + "/no-length").sign(Signing.now(), RawRequest.UNSIGNED)
                .noAutomaticLength();
        assertError(http.send(put.wire()), 411, "MissingContentLength");
        assertNotStored("no-length");
    }

    @Test
    void aWrongContentMd5IsBadDigestAndNotStored() throws IOException {
        RawRequest put = request("PUT", "/" + bucket + "/bad-md5").body(bytes(3 * MIB + 5, 9))
                .header("Content-MD5", Base64.getEncoder().encodeToString(md5(bytes(5000, 10)))).signed();
        assertError(http.send(put.wire()), 400, "BadDigest");
        assertNotStored("bad-md5");
    }

    @Test
    void aContentMd5ThatIsNotAnMd5IsInvalidDigest() throws IOException {
        RawRequest put = request("PUT", "/" + bucket + "/invalid-md5").body(bytes(10, 11))
                .header("Content-MD5", "bm90LWFuLW1kNQ==").signed();
        assertError(http.send(put.wire()), 400, "InvalidDigest");
        assertNotStored("invalid-md5");
    }

    @Test
    void aWrongCrc32ChecksumIsBadDigestAndNotStored() throws IOException {
        byte[] body = bytes(2 * MIB + 1, 12);
        CRC32 crc = new CRC32();
        crc.update(body);
        long wrong = crc.getValue() ^ 1;
        byte[] value = {(byte) (wrong >>> 24), (byte) (wrong >>> 16), (byte) (wrong >>> 8), (byte) wrong};
        RawRequest put = request("PUT", "/" + bucket + "/bad-crc").body(body)
                .header("x-amz-checksum-crc32", Base64.getEncoder().encodeToString(value)).signed();
        assertError(http.send(put.wire()), 400, "BadDigest");
        assertNotStored("bad-crc");
    }

    @Test
    void aWrongChunkSignatureLateInAMultiStripeBodyLeavesNoShardsBehind() throws IOException {
        ChunkedPut put = chunkedPut("late-bad-chunk", 3 * MIB + 100, 13);
        breakChunkSignature(put.encoded(), "64");
        assertError(http.send(put.request().body(put.encoded()).wire()), 403, "SignatureDoesNotMatch");
        assertNotStored("late-bad-chunk");
    }

    @Test
    void aWrongTrailingChecksumOfAnUnsignedChunkedBodyIsBadDigestAndNotStored() throws IOException {
        byte[] payload = bytes(70_000, 14);
        String chunked = Integer.toHexString(payload.length) + "\r\n";
        byte[] body = concat(concat(chunked.getBytes(StandardCharsets.US_ASCII), payload),
                "\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        RawRequest put = request("PUT", "/" + bucket + "/bad-trailer").header("Content-Encoding", "aws-chunked")
                .header("x-amz-decoded-content-length", String.valueOf(payload.length))
                .header("x-amz-trailer", "x-amz-checksum-crc32").body(body)
                .sign(Signing.now(), "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        assertError(http.send(put.wire()), 400, "BadDigest");
        assertNotStored("bad-trailer");
    }

    @Test
    void aRejectedExpectContinueUploadIsAnsweredWithoutAskingForTheBody() throws IOException {
        RawRequest put = request("PUT", "/" + bucket + "/expect").header("Expect", "100-continue")
                .sign(new Signing(Instant.now(), GranaryServerExtension.ACCESS_KEY, "wrong"), RawRequest.UNSIGNED)
                .noAutomaticLength().header("Content-Length", "1000");
        // Only the head is sent: a 100 Continue would leave the client waiting here until the read times out.
        assertError(http.send(put.wire()), 403, "SignatureDoesNotMatch");
        assertNotStored("expect");
    }

    @ParameterizedTest(name = "Content-Length: {0}")
    @ValueSource(strings = {"abc", "-1", "10, 20"})
    void anUnparseableContentLengthIsA400(String length) throws IOException {
        RawRequest put = request("PUT", "/" + bucket + "/bad-length").sign(Signing.now(), RawRequest.UNSIGNED)
                .noAutomaticLength().header("Content-Length", length).body(SMALL);
        Response response = http.exchange(put.wire(), true, 1).first();
        assertClientError(response);
        assertEquals(400, response.status());
        assertNotStored("bad-length");
    }

    // ---- XML bodies ----

    @Test
    void deleteObjectsWithInvalidXmlIsMalformedXml() throws IOException {
        byte[] xml = "<Delete><Object><Key>small</Key></Obj".getBytes(StandardCharsets.UTF_8);
        RawRequest post = request("POST", "/" + bucket, "delete").body(xml)
                .header("Content-MD5", Base64.getEncoder().encodeToString(md5(xml))).signed();
        assertError(http.send(post.wire()), 400, "MalformedXML");
    }

    @Test
    void deleteObjectsWithoutContentMd5OrChecksumIsInvalidRequest() throws IOException {
        byte[] xml = "<Delete><Object><Key>small</Key></Object></Delete>".getBytes(StandardCharsets.UTF_8);
        RawRequest post = request("POST", "/" + bucket, "delete").body(xml).signed();
        assertError(http.send(post.wire()), 400, "InvalidRequest");
    }

    @Test
    void completeMultipartUploadWithInvalidXmlIsMalformedXml() throws IOException {
        Response created = http.send(request("POST", "/" + bucket + "/mpu", "uploads").signed().wire());
        assertEquals(200, created.status(), created.text());
        Matcher id = Pattern.compile("<UploadId>([^<]+)</UploadId>").matcher(created.text());
        assertTrue(id.find(), created.text());
        String uploadQuery = "uploadId=" + URLEncoder.encode(id.group(1), StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
        try {
            byte[] xml = "<CompleteMultipartUpload><Part><PartNumber>1".getBytes(StandardCharsets.UTF_8);
            RawRequest post = request("POST", "/" + bucket + "/mpu", uploadQuery).body(xml).signed();
            assertError(http.send(post.wire()), 400, "MalformedXML");
        } finally {
            assertEquals(204, http.send(request("DELETE", "/" + bucket + "/mpu", uploadQuery).signed().wire())
                    .status());
        }
    }

    // ---- names and ranges ----

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"UpperCase", "_admin", "ab", "a..b", "-leading-hyphen", "192.168.1.1"})
    void createBucketWithAnInvalidNameIsInvalidBucketName(String name) throws IOException {
        assertError(http.send(request("PUT", "/" + name).signed().wire()), 400, "InvalidBucketName");
    }

    @Test
    void aKeyOfMoreThan1024BytesIsKeyTooLongButExactly1024IsStored() throws IOException {
        String tooLong = "k".repeat(1025);
        assertError(http.send(request("PUT", "/" + bucket + "/" + tooLong).body(SMALL).signed().wire()), 400,
                "KeyTooLongError");
        String longest = "k".repeat(1024);
        assertEquals(200, http.send(request("PUT", "/" + bucket + "/" + longest).body(SMALL).signed().wire())
                .status());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bytes=10-20", "bytes=100-", "bytes=-0"})
    void aRangeThatCannotBeSatisfiedIsInvalidRange(String range) throws IOException {
        RawRequest get = request("GET", "/" + bucket + "/small").header("Range", range).signed();
        assertError(http.send(get.wire()), 416, "InvalidRange");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bytes=abc", "bytes=5-2", "items=0-1", "bytes=0-1,3-4", "bytes=-"})
    void aMalformedRangeIsIgnoredAndTheWholeObjectSent(String range) throws IOException {
        Response response = http.send(request("GET", "/" + bucket + "/small").header("Range", range).signed().wire());
        assertEquals(200, response.status(), response.text());
        assertArrayEquals(SMALL, response.body());
    }

    // ---- operations and HTTP ----

    @ParameterizedTest(name = "DELETE ?{0}")
    @ValueSource(strings = {"website", "replication"})
    void deletingAnUnimplementedBucketSubresourceIsNotImplementedAndKeepsTheBucket(String subresource)
            throws IOException {
        assertError(http.send(request("DELETE", "/" + bucket, subresource).signed().wire()), 501, "NotImplemented");
        assertEquals(200, http.send(request("HEAD", "/" + bucket).signed().wire()).status());
    }

    @Test
    void putBucketVersioningWithAnUnknownStatusOrBrokenXmlIsMalformedXml() throws IOException {
        for (String body : List.of("<VersioningConfiguration><Status>Off</Status></VersioningConfiguration>",
                "<VersioningConfiguration><Status>")) {
            assertError(http.send(request("PUT", "/" + bucket, "versioning").body(body.getBytes(StandardCharsets.UTF_8))
                    .signed().wire()), 400, "MalformedXML");
        }
        assertError(http.send(request("GET", "/" + bucket + "/small", "versionId=%2F..%2F").signed().wire()), 400,
                "InvalidArgument");
    }

    @Test
    void anOversizedHeaderSectionIsA4xxS3Error() throws IOException {
        RawRequest get = request("GET", "/" + bucket + "/small").header("x-amz-meta-big", "x".repeat(17 * 1024));
        assertError(http.send(get.wire()), 400, "RequestHeaderSectionTooLarge");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/%zz", "/key%2", "/%C3%28", "/%FF"})
    void anInvalidPercentEncodingInThePathIsInvalidUri(String keyPath) throws IOException {
        assertError(http.send(request("GET", "/" + bucket + keyPath).signed().wire()), 400, "InvalidURI");
    }

    @Test
    void aRequestLineLongerThan16KibIsA4xxS3Error() throws IOException {
        assertClientError(http.send(request("GET", "/" + bucket + "/" + "x".repeat(17 * 1024)).wire()));
    }

    @ParameterizedTest(name = "{0} {1} then GET")
    @CsvSource({"GET, no-such-key, 404", "HEAD, no-such-key, 404", "GET, small, 200", "HEAD, small, 200"})
    void aBodilessRequestKeepsTheConnectionUsableForTheNextPipelinedRequest(String method, String key, int status)
            throws IOException {
        byte[] first = request(method, "/" + bucket + "/" + key).signed().wire();
        byte[] second = request("GET", "/" + bucket + "/small").signed().wire();
        Exchange exchange = http.exchange(concat(first, second), false, 2);
        assertEquals(status, exchange.first().status());
        assertEquals(2, exchange.responses().size(), "second response on the same connection");
        assertEquals(200, exchange.responses().get(1).status());
        assertArrayEquals(SMALL, exchange.responses().get(1).body());
    }

    @Test
    void patchIsMethodNotAllowed() throws IOException {
        assertError(http.send(request("PATCH", "/" + bucket + "/small").body(SMALL).signed().wire()), 405,
                "MethodNotAllowed");
    }

    @Test
    void headOfAMissingKeyIs404WithTheRequestIdAndNoBody() throws IOException {
        Response response = http.send(request("HEAD", "/" + bucket + "/no-such-key").signed().wire());
        assertEquals(404, response.status());
        assertEquals(0, response.body().length);
        assertNotNull(response.header("x-amz-request-id"));
        assertFalse(response.header("x-amz-request-id").isBlank());
    }

    @Test
    void getFromAMissingBucketIsNoSuchBucket() throws IOException {
        String missing = GranaryServerExtension.newBucket();
        assertError(http.send(request("GET", "/" + missing + "/key").signed().wire()), 404, "NoSuchBucket");
    }

    @Test
    void getOfAMissingKeyIsNoSuchKey() throws IOException {
        assertError(http.send(request("GET", "/" + bucket + "/no-such-key").signed().wire()), 404, "NoSuchKey");
    }

    // ---- helpers ----

    private static RawRequest request(String method, String path) {
        return request(method, path, "");
    }

    private static RawRequest request(String method, String path, String query) {
        return RawRequest.of(method, path, query).header("Host", "127.0.0.1:" + SERVER.port());
    }

    /** A signed aws-chunked PUT of {@code size} random bytes: the request (no body yet) and its encoded body. */
    private record ChunkedPut(RawRequest request, byte[] encoded) {
    }

    private static ChunkedPut chunkedPut(String key, int size, long seed) {
        Signing signing = Signing.now();
        RawRequest put = request("PUT", "/" + bucket + "/" + key).header("Content-Encoding", "aws-chunked")
                .header("x-amz-decoded-content-length", String.valueOf(size)).sign(signing, RawRequest.STREAMING);
        return new ChunkedPut(put, RawRequest.awsChunked(signing, bytes(size, seed), CHUNK));
    }

    /** Changes the first digit of the signature of the chunk whose size line starts with {@code hexSize}. */
    private static void breakChunkSignature(byte[] encoded, String hexSize) {
        String sizeLine = "\r\n" + hexSize + ";chunk-signature=";
        int digit = indexOf(encoded, sizeLine) + sizeLine.length();
        encoded[digit] = (byte) (encoded[digit] == '0' ? '1' : '0');
    }

    /** Asserts an S3 error answer and returns its body. */
    private static String assertError(Response response, int status, String code) {
        return ErrorAnswers.assertError(response, status, code);
    }

    /** A cut-off upload may be answered with an S3 4xx, or the connection simply closed; never a 5xx. */
    private static void assertClientErrorOrClosed(Exchange exchange) {
        if (!exchange.closedWithoutAnswer()) assertClientError(exchange.first());
    }

    /** Any 4xx S3 error document, with its request id. */
    private static void assertClientError(Response response) {
        assertTrue(response.status() >= 400 && response.status() < 500, "status " + response.status());
        Matcher code = Pattern.compile("<Code>([^<]*)</Code>").matcher(response.text());
        assertTrue(code.find(), "an S3 error document: " + response.text());
        assertError(response, response.status(), code.group(1));
    }

    /** The key does not exist and no shard file, committed or temporary, was left behind. */
    private void assertNotStored(String key) throws IOException {
        assertError(http.send(request("GET", "/" + bucket + "/" + key).signed().wire()), 404, "NoSuchKey");
        try {
            Set<Path> leftover = ShardFiles.leftoverAfter(SERVER.dataDir(), filesBefore, 10_000);
            assertTrue(leftover.isEmpty(), "shard files left behind by a rejected upload: " + leftover);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int indexOf(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) continue outer;
            }
            return i;
        }
        throw new AssertionError("not found: " + needle);
    }

    private static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
