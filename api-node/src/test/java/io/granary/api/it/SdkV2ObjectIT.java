package io.granary.api.it;

import static io.granary.api.it.TestData.MIB;
import static io.granary.api.it.TestData.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.it.S3Clients.ChecksumSetting;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * PutObject, GetObject, HeadObject and DeleteObject through the AWS SDK v2 sync client, once with the
 * SDK's default request checksums (aws-chunked with a CRC32 trailer) and once with WHEN_REQUIRED.
 */
class SdkV2ObjectIT extends SdkV2Case {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final List<String> AWKWARD_KEYS = List.of("plain", "dir/sub/ünïcødé-日本語", "with space",
            "100% done", "a+b=c", "this&that", "quote\"d", "mixed/&+-é\" %x/ end ", "tilde~*'()!$,;:@");

    @Override
    GranaryServerExtension server() {
        return SERVER;
    }

    @Test
    void objectsOfEdgeSizesRoundTripWithMd5Etags() {
        for (int size : new int[] {0, 1, MIB + 4097, 9 * MIB}) {
            byte[] data = TestData.random(size, size);
            String key = "size-" + size;
            PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
            assertEquals("\"" + TestData.md5Hex(data) + "\"", put.eTag());
            ResponseBytes<GetObjectResponse> back = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            assertArrayEquals(data, back.asByteArray(), key);
            assertEquals(size, back.response().contentLength());
            assertEquals(put.eTag(), back.response().eTag());
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            assertEquals(size, head.contentLength());
            assertEquals(put.eTag(), head.eTag());
            s3.deleteObject(b -> b.bucket(bucket).key(key));
            assertS3Error(404, "NoSuchKey", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)));
            assertS3Error(404, null, () -> s3.headObject(b -> b.bucket(bucket).key(key)));
        }
        s3.deleteObject(b -> b.bucket(bucket).key("never-existed"));
    }

    @Test
    void keysWithUtf8SpacesAndReservedCharactersRoundTripExactly() {
        for (String key : AWKWARD_KEYS) {
            byte[] data = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
            assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray(), key);
        }
        List<String> listed = s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream()
                .map(o -> o.key()).sorted().toList();
        assertEquals(AWKWARD_KEYS.stream().sorted().toList(), listed);
        for (String key : AWKWARD_KEYS) {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        }
        assertEquals(0, s3.listObjectsV2(b -> b.bucket(bucket)).keyCount());
    }

    @Test
    void rangesReturnPartialContentOrInvalidRange() {
        byte[] data = TestData.random(100_000, 3);
        s3.putObject(b -> b.bucket(bucket).key("r"), RequestBody.fromBytes(data));
        assertRange("bytes=10-19", data, 10, 20, "bytes 10-19/100000");
        assertRange("bytes=99990-", data, 99_990, 100_000, "bytes 99990-99999/100000");
        assertRange("bytes=-7", data, 99_993, 100_000, "bytes 99993-99999/100000");
        assertRange("bytes=99999-200000", data, 99_999, 100_000, "bytes 99999-99999/100000");
        assertS3Error(416, "InvalidRange", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("r")
                .range("bytes=100000-")));
    }

    private void assertRange(String range, byte[] data, int from, int to, String contentRange) {
        ResponseBytes<GetObjectResponse> part = s3.getObjectAsBytes(b -> b.bucket(bucket).key("r").range(range));
        assertArrayEquals(java.util.Arrays.copyOfRange(data, from, to), part.asByteArray(), range);
        assertEquals(contentRange, part.response().contentRange());
        assertEquals(to - from, part.response().contentLength());
    }

    @Test
    void conditionalGetsAnswerNotModifiedAndPreconditionFailed() {
        String etag = s3.putObject(b -> b.bucket(bucket).key("c"), RequestBody.fromString("conditional")).eTag();
        Instant past = Instant.now().minusSeconds(3600);
        Instant future = Instant.now().plusSeconds(3600);
        assertEquals("conditional", s3.getObjectAsBytes(b -> b.bucket(bucket).key("c").ifMatch(etag)).asUtf8String());
        assertS3Error(412, "PreconditionFailed", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("c")
                .ifMatch("\"0123456789abcdef0123456789abcdef\"")));
        assertS3Error(304, null, () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("c").ifNoneMatch(etag)));
        assertEquals("conditional", s3.getObjectAsBytes(b -> b.bucket(bucket).key("c")
                .ifNoneMatch("\"other\"")).asUtf8String());
        assertS3Error(304, null, () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("c").ifModifiedSince(future)));
        assertEquals("conditional", s3.getObjectAsBytes(b -> b.bucket(bucket).key("c").ifModifiedSince(past))
                .asUtf8String());
        assertS3Error(412, "PreconditionFailed", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("c")
                .ifUnmodifiedSince(past)));
        assertEquals("conditional", s3.getObjectAsBytes(b -> b.bucket(bucket).key("c").ifUnmodifiedSince(future))
                .asUtf8String());
        assertS3Error(304, null, () -> s3.headObject(b -> b.bucket(bucket).key("c").ifNoneMatch(etag)));
    }

    @Test
    void conditionalPutsCreateOnceAndReplaceOnlyAMatchingEtag() {
        String first = s3.putObject(b -> b.bucket(bucket).key("once").ifNoneMatch("*"),
                RequestBody.fromString("first")).eTag();
        assertS3Error(412, "PreconditionFailed", () -> s3.putObject(b -> b.bucket(bucket).key("once")
                .ifNoneMatch("*"), RequestBody.fromString("second")));
        assertS3Error(412, "PreconditionFailed", () -> s3.putObject(b -> b.bucket(bucket).key("once")
                .ifMatch("\"0123456789abcdef0123456789abcdef\""), RequestBody.fromString("third")));
        assertEquals("first", s3.getObjectAsBytes(b -> b.bucket(bucket).key("once")).asUtf8String());
        s3.putObject(b -> b.bucket(bucket).key("once").ifMatch(first), RequestBody.fromString("fourth"));
        assertEquals("fourth", s3.getObjectAsBytes(b -> b.bucket(bucket).key("once")).asUtf8String());
        assertS3Error(404, "NoSuchKey", () -> s3.putObject(b -> b.bucket(bucket).key("absent").ifMatch(first),
                RequestBody.fromString("x")));
    }

    @Test
    void userMetadataAndStandardHeadersRoundTrip() {
        Instant expires = Instant.parse("2031-01-02T03:04:05Z");
        s3.putObject(b -> b.bucket(bucket).key("m").contentType("text/x-granary; charset=utf-8")
                .contentDisposition("attachment; filename=\"m.txt\"").contentEncoding("identity")
                .contentLanguage("de-CH").cacheControl("max-age=60").expires(expires)
                .metadata(Map.of("colour", "blue", "multi-word", "a b  c")), RequestBody.fromString("meta"));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("m"));
        assertEquals("text/x-granary; charset=utf-8", head.contentType());
        assertEquals("attachment; filename=\"m.txt\"", head.contentDisposition());
        assertEquals("identity", head.contentEncoding());
        assertEquals("de-CH", head.contentLanguage());
        assertEquals("max-age=60", head.cacheControl());
        assertEquals(expires, head.expires());
        assertEquals(Map.of("colour", "blue", "multi-word", "a b  c"), head.metadata());
        GetObjectResponse get = s3.getObjectAsBytes(b -> b.bucket(bucket).key("m")).response();
        assertEquals(head.metadata(), get.metadata());
        assertEquals(head.contentType(), get.contentType());
    }

    @Test
    void responseOverridesReplaceTheStoredHeaders() {
        s3.putObject(b -> b.bucket(bucket).key("o").contentType("text/plain"), RequestBody.fromString("override"));
        Instant expires = Instant.parse("2030-05-06T07:08:09Z");
        GetObjectResponse get = s3.getObjectAsBytes(b -> b.bucket(bucket).key("o")
                .responseContentType("application/x-override").responseContentDisposition("inline")
                .responseCacheControl("no-cache").responseContentLanguage("fr")
                .responseContentEncoding("identity").responseExpires(expires)).response();
        assertEquals("application/x-override", get.contentType());
        assertEquals("inline", get.contentDisposition());
        assertEquals("no-cache", get.cacheControl());
        assertEquals("fr", get.contentLanguage());
        assertEquals("identity", get.contentEncoding());
        assertEquals(expires, get.expires());
        assertEquals("text/plain", s3.headObject(b -> b.bucket(bucket).key("o")).contentType());
    }

    @Test
    void checksumModeReturnsTheStoredChecksum() {
        byte[] data = TestData.random(2 * MIB + 5, 11);
        String crc32 = Base64.getEncoder().encodeToString(TestData.crcBytes(new CRC32(), 4, data));
        String sha256 = Base64.getEncoder().encodeToString(TestData.digest("SHA-256", data));
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("crc"), RequestBody.fromBytes(data));
        if (setting == ChecksumSetting.SDK_DEFAULT) {
            assertEquals(crc32, put.checksumCRC32());
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("crc")
                    .checksumMode(ChecksumMode.ENABLED));
            assertEquals(crc32, head.checksumCRC32());
            assertEquals("FULL_OBJECT", head.checksumTypeAsString());
        }
        s3.putObject(b -> b.bucket(bucket).key("sha").checksumAlgorithm(ChecksumAlgorithm.SHA256),
                RequestBody.fromBytes(data));
        ResponseBytes<GetObjectResponse> get = s3.getObjectAsBytes(b -> b.bucket(bucket).key("sha")
                .checksumMode(ChecksumMode.ENABLED));
        assertEquals(sha256, get.response().checksumSHA256());
        assertArrayEquals(data, get.asByteArray());
        assertNull(s3.headObject(b -> b.bucket(bucket).key("sha")).checksumSHA256(),
                "no checksum without checksum mode");
        assertNull(s3.getObjectAsBytes(b -> b.bucket(bucket).key("sha").range("bytes=0-9")
                .checksumMode(ChecksumMode.ENABLED)).response().checksumSHA256(), "no checksum on a ranged GET");
    }

    @Test
    void wrongChecksumIsRefusedAsBadDigestAndNothingIsStored() {
        String wrong = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4});
        assertS3Error(400, "BadDigest", () -> s3.putObject(b -> b.bucket(bucket).key("bad").checksumCRC32(wrong),
                RequestBody.fromString("payload")));
        assertS3Error(404, "NoSuchKey", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("bad")));
        assertTrue(s3.listObjectsV2(b -> b.bucket(bucket)).contents().isEmpty());
    }
}
