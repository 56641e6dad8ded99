package io.granary.api.it;

import static io.granary.api.it.ErrorAnswers.assertError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.it.RawHttpClient.Response;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 15 over raw HTTP: requests for features Granary lacks are refused with AWS's code (never stored as
 * if done), storage classes are kept and reported, conditional writes hold under races, unset bucket
 * configurations and the listing details answer as S3. Every refusal asserts status, Code and RequestId.
 */
@Timeout(60)
class ConformanceIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final byte[] BODY = "conformance".getBytes(StandardCharsets.US_ASCII);

    private static String bucket;
    private static RawHttpClient http;

    @BeforeAll
    static void createBucket() throws IOException {
        http = new RawHttpClient(SERVER.port());
        bucket = GranaryServerExtension.newBucket();
        assertEquals(200, http.send(request("PUT", "/" + bucket, "").signed().wire()).status());
    }

    // ---- features Granary does not have ----

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "x-amz-server-side-encryption, aws:kms:dsse, 501, NotImplemented",
        "x-amz-server-side-encryption, AES512, 400, InvalidArgument",
        "x-amz-server-side-encryption-aws-kms-key-id, some-key, 400, InvalidArgument",
        "x-amz-server-side-encryption-customer-algorithm, AES256, 400, InvalidArgument",
        "x-amz-object-lock-mode, GOVERNANCE, 400, InvalidRequest",
        "x-amz-object-lock-legal-hold, ON, 400, InvalidRequest",
        "x-amz-storage-class, COLD, 400, InvalidStorageClass",
        "x-amz-website-redirect-location, /other, 501, NotImplemented",
        "x-amz-expected-bucket-owner, 111122223333, 403, AccessDenied",
    })
    void aPutAskingForWhatGranaryCannotDoIsRefusedAndNotStored(String header, String value, int status,
            String code) throws IOException {
        String key = "/" + bucket + "/refused-" + header;
        assertError(http.send(request("PUT", key, "").header(header, value).body(BODY).signed().wire()), status,
                code);
        assertError(http.send(request("GET", key, "").signed().wire()), 404, "NoSuchKey");
    }

    @Test
    void sseS3IsHonouredOnCopyUploadsAndTheBucketAndIncompleteOrUnsupportedEncryptionIsRefused()
            throws IOException {
        put("plain", BODY);
        Response copied = http.send(request("PUT", "/" + bucket + "/copy", "").header("x-amz-copy-source",
                "/" + bucket + "/plain").header("x-amz-server-side-encryption", "AES256").signed().wire());
        assertEquals(200, copied.status(), copied.text());
        assertEquals("AES256", copied.header("x-amz-server-side-encryption"));
        Response created = http.send(request("POST", "/" + bucket + "/mpu-sse", "uploads")
                .header("x-amz-server-side-encryption", "AES256").signed().wire());
        assertEquals("AES256", created.header("x-amz-server-side-encryption"), created.text());
        String upload = "uploadId=" + createUpload("mpu-ssec", "");
        assertError(http.send(request("PUT", "/" + bucket + "/mpu-ssec", "partNumber=1&" + upload)
                .header("x-amz-server-side-encryption-customer-algorithm", "AES256").body(BODY).signed().wire()),
                400, "InvalidArgument");
        // The header belongs to writes that create an object; on a read it is an error, as on AWS.
        assertError(http.send(request("GET", "/" + bucket + "/plain", "")
                .header("x-amz-server-side-encryption", "AES256").signed().wire()), 400, "InvalidArgument");
        assertError(http.send(request("GET", "/" + bucket, "encryption").signed().wire()), 404,
                "ServerSideEncryptionConfigurationNotFoundError");
        assertError(http.send(request("PUT", "/" + bucket, "encryption").body(rule("aws:kms:dsse")).signed()
                .wire()), 501, "NotImplemented");
        assertError(http.send(request("PUT", "/" + bucket, "encryption").body(rule("DES")).signed().wire()),
                400, "MalformedXML");
        assertEquals(200, http.send(request("PUT", "/" + bucket, "encryption").body(rule("AES256")).signed()
                .wire()).status());
        Response config = http.send(request("GET", "/" + bucket, "encryption").signed().wire());
        assertTrue(config.text().contains("<SSEAlgorithm>AES256</SSEAlgorithm>"), config.text());
        put("by-default", BODY);
        assertEquals("AES256", http.send(request("HEAD", "/" + bucket + "/by-default", "").signed().wire())
                .header("x-amz-server-side-encryption"));
        assertEquals(204, http.send(request("DELETE", "/" + bucket, "encryption").signed().wire()).status());
        put("after-default", BODY);
        assertEquals(null, http.send(request("HEAD", "/" + bucket + "/after-default", "").signed().wire())
                .header("x-amz-server-side-encryption"));
    }

    private static byte[] rule(String algorithm) {
        return ("<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault>"
                + "<SSEAlgorithm>" + algorithm + "</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule>"
                + "</ServerSideEncryptionConfiguration>").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBucketWithObjectLockIsCreatedVersionedAndAnOddFlagIsRefused() throws IOException {
        String name = GranaryServerExtension.newBucket();
        assertError(http.send(request("PUT", "/" + name, "").header("x-amz-bucket-object-lock-enabled", "yes")
                .signed().wire()), 400, "InvalidArgument");
        assertError(http.send(request("GET", "/" + name, "").signed().wire()), 404, "NoSuchBucket");
        assertEquals(200, http.send(request("PUT", "/" + name, "").header("x-amz-bucket-object-lock-enabled", "true")
                .signed().wire()).status());
        assertTrue(http.send(request("GET", "/" + name, "object-lock").signed().wire()).text()
                .contains("<ObjectLockEnabled>Enabled</ObjectLockEnabled>"));
        assertTrue(http.send(request("GET", "/" + name, "versioning").signed().wire()).text()
                .contains("<Status>Enabled</Status>"));
    }

    // ---- storage classes ----

    @Test
    void aStorageClassIsStoredAndReportedWhereS3ReportsIt() throws IOException {
        assertEquals(200, http.send(request("PUT", "/" + bucket + "/sc/cold", "").header("x-amz-storage-class",
                "GLACIER_IR").body(BODY).signed().wire()).status());
        put("sc/standard", BODY);
        assertEquals("GLACIER_IR", http.send(request("HEAD", "/" + bucket + "/sc/cold", "").signed().wire())
                .header("x-amz-storage-class"));
        assertNull(http.send(request("HEAD", "/" + bucket + "/sc/standard", "").signed().wire())
                .header("x-amz-storage-class"), "S3 sends no header for STANDARD");
        String list = http.send(request("GET", "/" + bucket, "list-type=2&prefix=sc%2F").signed().wire()).text();
        assertTrue(list.contains("<Key>sc/cold</Key>") && list.matches("(?s).*<Key>sc/cold</Key>.*"
                + "<StorageClass>GLACIER_IR</StorageClass>.*<Key>sc/standard</Key>.*<StorageClass>STANDARD"
                + "</StorageClass>.*"), list);
        String attributes = http.send(request("GET", "/" + bucket + "/sc/cold", "attributes")
                .header("x-amz-object-attributes", "StorageClass").signed().wire()).text();
        assertTrue(attributes.contains("<StorageClass>GLACIER_IR</StorageClass>"), attributes);

        String upload = createUpload("sc/multi", "DEEP_ARCHIVE");
        String uploads = http.send(request("GET", "/" + bucket, "uploads&prefix=sc%2Fmulti").signed().wire()).text();
        assertTrue(uploads.contains("<StorageClass>DEEP_ARCHIVE</StorageClass>"), uploads);
        String parts = http.send(request("GET", "/" + bucket + "/sc/multi", "uploadId=" + upload).signed().wire())
                .text();
        assertTrue(parts.contains("<StorageClass>DEEP_ARCHIVE</StorageClass>"), parts);

        assertEquals(200, http.send(request("PUT", "/" + bucket + "/sc/standard", "").header("x-amz-copy-source",
                "/" + bucket + "/sc/standard").header("x-amz-storage-class", "STANDARD_IA").signed().wire())
                .status(), "a copy onto itself that only changes the storage class is allowed");
        assertEquals("STANDARD_IA", http.send(request("HEAD", "/" + bucket + "/sc/standard", "").signed().wire())
                .header("x-amz-storage-class"));
    }

    // ---- checksums ----

    @ParameterizedTest(name = "{0}")
    @CsvSource({"crc32, 4", "crc32c, 4", "crc64nvme, 8", "sha1, 20", "sha256, 32"})
    void aWrongChecksumIsBadDigestForEveryAlgorithmInAHeaderOrATrailer(String algorithm, int bytes)
            throws IOException {
        String wrong = Base64.getEncoder().encodeToString(new byte[bytes]);
        String header = "x-amz-checksum-" + algorithm;
        assertError(http.send(request("PUT", "/" + bucket + "/bad-" + algorithm, "").header(header, wrong).body(BODY)
                .signed().wire()), 400, "BadDigest");
        byte[] chunked = ("b\r\nconformance\r\n0\r\n" + header + ":" + wrong + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        RawRequest put = request("PUT", "/" + bucket + "/bad-trailer-" + algorithm, "")
                .header("Content-Encoding", "aws-chunked").header("x-amz-decoded-content-length", "11")
                .header("x-amz-trailer", header).body(chunked).sign(RawRequest.Signing.now(),
                        "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        assertError(http.send(put.wire()), 400, "BadDigest");
        assertError(http.send(request("GET", "/" + bucket + "/bad-trailer-" + algorithm, "").signed().wire()), 404,
                "NoSuchKey");
    }

    // ---- conditional writes ----

    @Test
    void conditionalPutsHonourEveryHeaderCombination() throws IOException {
        String key = "/" + bucket + "/cond/put";
        assertError(http.send(request("PUT", key, "").header("If-Match", "\"abc\"").body(BODY).signed().wire()),
                404, "NoSuchKey");
        Response created = http.send(request("PUT", key, "").header("If-None-Match", "*").body(BODY).signed()
                .wire());
        assertEquals(200, created.status(), created.text());
        String etag = created.header("etag");
        assertError(http.send(request("PUT", key, "").header("If-None-Match", "*").body(BODY).signed().wire()),
                412, "PreconditionFailed");
        assertError(http.send(request("PUT", key, "").header("If-Match", "\"other\"").body(BODY).signed().wire()),
                412, "PreconditionFailed");
        assertError(http.send(request("PUT", key, "").header("If-Match", etag).header("If-None-Match", "*")
                .body(BODY).signed().wire()), 412, "PreconditionFailed");
        assertError(http.send(request("PUT", key, "").header("If-Unmodified-Since", "Mon, 01 Jan 2001 00:00:00 GMT")
                .body(BODY).signed().wire()), 412, "PreconditionFailed");
        assertEquals(200, http.send(request("PUT", key, "").header("If-Match", etag).header("If-None-Match",
                "\"other\"").body("v2".getBytes(StandardCharsets.US_ASCII)).signed().wire()).status());
        assertArrayEquals("v2".getBytes(StandardCharsets.US_ASCII), http.send(request("GET", key, "").signed()
                .wire()).body());
    }

    @Test
    void aDeleteDuringAConditionalUploadAnswersConditionalRequestConflict() throws IOException {
        String key = "/" + bucket + "/cond/race";
        String etag = put("cond/race", BODY);
        RawRequest upload = request("PUT", key, "").header("If-Match", etag).header("Expect", "100-continue")
                .body("racing".getBytes(StandardCharsets.US_ASCII)).signed();
        Response raced = http.sendAfterContinue(upload.wire(), () ->
                assertEquals(204, http.send(request("DELETE", key, "").signed().wire()).status()));
        assertError(raced, 409, "ConditionalRequestConflict");
        assertError(http.send(request("GET", key, "").signed().wire()), 404, "NoSuchKey");
    }

    @Test
    void conditionalDeletesCompareTheEtag() throws IOException {
        String etag = put("cond/delete", BODY);
        String key = "/" + bucket + "/cond/delete";
        assertError(http.send(request("DELETE", key, "").header("If-Match", "\"stale\"").signed().wire()), 412,
                "PreconditionFailed");
        assertEquals(200, http.send(request("GET", key, "").signed().wire()).status());
        assertEquals(204, http.send(request("DELETE", key, "").header("If-Match", etag).signed().wire()).status());
        assertError(http.send(request("GET", key, "").signed().wire()), 404, "NoSuchKey");

        String kept = put("cond/batch-kept", BODY);
        String gone = put("cond/batch-gone", BODY);
        byte[] xml = ("<Delete><Object><Key>cond/batch-kept</Key><ETag>\"stale\"</ETag></Object>"
                + "<Object><Key>cond/batch-gone</Key><ETag>" + gone + "</ETag></Object></Delete>")
                .getBytes(StandardCharsets.UTF_8);
        String result = http.send(request("POST", "/" + bucket, "delete").header("Content-MD5", md5(xml)).body(xml)
                .signed().wire()).text();
        assertTrue(result.contains("<Error><Key>cond/batch-kept</Key><Code>PreconditionFailed</Code>"), result);
        assertTrue(result.contains("<Deleted><Key>cond/batch-gone</Key>"), result);
        assertEquals(kept, http.send(request("HEAD", "/" + bucket + "/cond/batch-kept", "").signed().wire())
                .header("etag"));
    }

    @Test
    void conditionalCompletesAndCopiesAreCheckedAgainstTheDestination() throws IOException {
        put("cond/exists", BODY);
        String upload = createUpload("cond/exists", "");
        Response part = http.send(request("PUT", "/" + bucket + "/cond/exists", "partNumber=1&uploadId=" + upload)
                .body(BODY).signed().wire());
        byte[] complete = ("<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>" + part.header("etag")
                + "</ETag></Part></CompleteMultipartUpload>").getBytes(StandardCharsets.UTF_8);
        assertError(http.send(request("POST", "/" + bucket + "/cond/exists", "uploadId=" + upload)
                .header("If-None-Match", "*").body(complete).signed().wire()), 412, "PreconditionFailed");
        assertEquals(200, http.send(request("POST", "/" + bucket + "/cond/exists", "uploadId=" + upload)
                .header("If-Match", "*").body(complete).signed().wire()).status());

        assertError(http.send(request("PUT", "/" + bucket + "/cond/exists", "").header("x-amz-copy-source",
                "/" + bucket + "/cond/exists").header("x-amz-metadata-directive", "REPLACE")
                .header("If-None-Match", "*").signed().wire()), 412, "PreconditionFailed");
        assertEquals(200, http.send(request("PUT", "/" + bucket + "/cond/copy", "").header("x-amz-copy-source",
                "/" + bucket + "/cond/exists").header("If-None-Match", "*").signed().wire()).status());
        assertError(http.send(request("PUT", "/" + bucket + "/cond/copy", "").header("x-amz-copy-source",
                "/" + bucket + "/cond/exists").header("If-Match", "\"stale\"").signed().wire()), 412,
                "PreconditionFailed");
    }

    // ---- details that differ ----

    @ParameterizedTest(name = "?{0} -> {1} {2}")
    @CsvSource({
        "lifecycle, 404, NoSuchLifecycleConfiguration",
        "cors, 404, NoSuchCORSConfiguration",
        "tagging, 404, NoSuchTagSet",
        "encryption, 404, ServerSideEncryptionConfigurationNotFoundError",
        "object-lock, 404, ObjectLockConfigurationNotFoundError",
        "publicAccessBlock, 404, NoSuchPublicAccessBlockConfiguration",
        "ownershipControls, 404, OwnershipControlsNotFoundError",
        "website, 404, NoSuchWebsiteConfiguration",
    })
    void unsetBucketConfigurationsAnswerAsS3(String subresource, int status, String code) throws IOException {
        String body = assertError(http.send(request("GET", "/" + bucket, subresource).signed().wire()), status,
                code);
        assertTrue(body.contains("<BucketName>" + bucket + "</BucketName>"), body);
    }

    @ParameterizedTest(name = "?{0}")
    @CsvSource(delimiter = '|', value = {
        "requestPayment | <RequestPaymentConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            + "<Payer>BucketOwner</Payer></RequestPaymentConfiguration>",
        "accelerate | <AccelerateConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>",
        "logging | <BucketLoggingStatus xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>",
    })
    void unsetBucketSettingsAnswerWithTheirDefaultDocument(String subresource, String document) throws IOException {
        Response response = http.send(request("GET", "/" + bucket, subresource).signed().wire());
        assertEquals(200, response.status(), response.text());
        assertTrue(response.text().endsWith(document), response.text());
    }

    @Test
    void aPartNumberBeyondTheObjectsPartsIsInvalidPartNumber() throws IOException {
        put("parts/single", BODY);
        String key = "/" + bucket + "/parts/single";
        Response first = http.send(request("GET", key, "partNumber=1").signed().wire());
        assertEquals(200, first.status(), first.text());
        assertArrayEquals(BODY, first.body());
        assertEquals("1", first.header("x-amz-mp-parts-count"));
        assertError(http.send(request("GET", key, "partNumber=2").signed().wire()), 400, "InvalidPartNumber");
        Response head = http.send(request("HEAD", key, "partNumber=3").signed().wire());
        assertEquals(400, head.status());
        assertTrue(head.header("x-amz-request-id") != null);
    }

    @Test
    void responseOverridesHoldingCrLfAreInvalidArgument() throws IOException {
        put("override", BODY);
        assertError(http.send(request("GET", "/" + bucket + "/override",
                "response-content-type=text%2Fplain%0D%0AX-Injected%3A%201").signed().wire()), 400, "InvalidArgument");
        assertError(http.send(request("GET", "/" + bucket + "/override", "response-content-disposition=a%0Ab")
                .signed().wire()), 400, "InvalidArgument");
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {"deflate, gzip | deflate, gzip", "gzip,br | gzip,br",
        "aws-chunked, gzip | gzip"})
    void contentEncodingIsKeptByteForByteWithoutAwsChunked(String sent, String stored) throws IOException {
        String key = "/" + bucket + "/encoding-" + Math.abs(sent.hashCode());
        assertEquals(200, http.send(request("PUT", key, "").header("Content-Encoding", sent).body(BODY).signed()
                .wire()).status());
        assertEquals(stored, http.send(request("HEAD", key, "").signed().wire()).header("content-encoding"));
    }

    @Test
    void listingDetailsMatchS3() throws IOException {
        put("list/a", BODY);
        String v1 = http.send(request("GET", "/" + bucket, "prefix=list%2F&delimiter=").signed().wire()).text();
        assertTrue(v1.contains("<Marker></Marker>") || v1.contains("<Marker/>"), "v1 always has a Marker: " + v1);
        assertFalse(v1.contains("<Delimiter"), "an empty delimiter is not echoed: " + v1);
        assertTrue(v1.contains("<Key>list/a</Key>"), v1);
        String zero = http.send(request("GET", "/" + bucket, "list-type=2&max-keys=0").signed().wire()).text();
        assertTrue(zero.contains("<IsTruncated>false</IsTruncated>") && !zero.contains("<Contents>"), zero);
        assertTrue(zero.contains("<KeyCount>0</KeyCount>"), zero);
        Response emptyToken = http.send(request("GET", "/" + bucket, "list-type=2&prefix=list%2F&continuation-token=")
                .signed().wire());
        assertEquals(200, emptyToken.status(), emptyToken.text());
        assertTrue(emptyToken.text().contains("<Key>list/a</Key>"), emptyToken.text());
    }

    // ---- helpers ----

    private static RawRequest request(String method, String path, String query) {
        return RawRequest.of(method, path, query).header("Host", "127.0.0.1:" + SERVER.port());
    }

    /** Puts {@code body} at {@code key}; returns its ETag. */
    private static String put(String key, byte[] body) throws IOException {
        Response response = http.send(request("PUT", "/" + bucket + "/" + key, "").body(body).signed().wire());
        assertEquals(200, response.status(), response.text());
        return response.header("etag");
    }

    /** Creates an upload (in {@code storageClass} unless empty); returns its id, URL-encoded for a query. */
    private static String createUpload(String key, String storageClass) throws IOException {
        RawRequest create = request("POST", "/" + bucket + "/" + key, "uploads");
        if (!storageClass.isEmpty()) create.header("x-amz-storage-class", storageClass);
        Response created = http.send(create.signed().wire());
        assertEquals(200, created.status(), created.text());
        Matcher id = Pattern.compile("<UploadId>([^<]+)</UploadId>").matcher(created.text());
        assertTrue(id.find(), created.text());
        return URLEncoder.encode(id.group(1), StandardCharsets.UTF_8);
    }

    private static String md5(byte[] data) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
