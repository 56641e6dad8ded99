package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.granary.api.it.RawHttpClient.Exchange;
import io.granary.api.it.RawHttpClient.Response;
import io.granary.api.it.RawRequest.Signing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PutObject and UploadPart with {@code Transfer-Encoding: chunked} and no Content-Length (plain HTTP
 * chunking, not aws-chunked): the body streams onto shards of a length known only at its end, reads
 * back bit-exact with the MD5 ETag, is signed either way (UNSIGNED-PAYLOAD or its literal SHA-256,
 * checked as it ends), and a malformed chunk is 400 IncompleteBody with nothing stored.
 */
@Timeout(120)
class ChunkedTransferIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final int MIB = 1024 * 1024;

    private static RawBucket bucket;
    private static RawHttpClient http;
    private Set<Path> filesBefore;

    @BeforeAll
    static void createBucket() throws IOException {
        bucket = RawBucket.create(SERVER);
        http = bucket.http;
    }

    @BeforeEach
    void rememberShardFiles() {
        filesBefore = ShardFiles.all(SERVER.dataDir());
    }

    @Test
    void anUnsignedChunkedPutStreamsAndReadsBackBitExact() throws IOException {
        byte[] payload = TestData.random(5 * MIB + 3, 1);
        byte[] encoded = chunked(payload, 2);
        RawRequest put = chunkedPut(bucket.path("unsigned"), "", encoded, RawRequest.UNSIGNED);
        Response answer = http.send(put.wire());
        assertEquals(200, answer.status(), answer.text());
        assertEquals("\"" + TestData.md5Hex(payload) + "\"", answer.header("etag"));
        assertStored("unsigned", payload);
    }

    @Test
    void aChunkedPutSignedWithItsSha256IsVerifiedAsItEnds() throws IOException {
        byte[] payload = TestData.random(MIB + 17, 3);
        RawRequest good = chunkedPut(bucket.path("signed"), "", chunked(payload, 4),
                RawRequest.sha256Hex(payload));
        assertEquals(200, http.send(good.wire()).status());
        assertStored("signed", payload);

        rememberShardFiles();
        RawRequest lying = chunkedPut(bucket.path("lying"), "", chunked(payload, 5),
                RawRequest.sha256Hex(TestData.random(10, 6)));
        ErrorAnswers.assertError(http.send(lying.wire()), 400, "XAmzContentSHA256Mismatch");
        assertNotStored("lying");
    }

    @Test
    void aMultiMebibyteChunkedBodyReachesTheDataNodesBeforeItEnds() throws IOException {
        byte[] payload = TestData.random(12 * MIB, 7);
        byte[] wire = chunkedPut(bucket.path("streamed"), "", chunked(payload, 8), RawRequest.UNSIGNED).wire();
        int almostAll = wire.length - 64 * 1024;
        Response answer = http.sendSplit(wire, almostAll, () -> Awaitility.await("shard bytes written while the "
                + "body is still open").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> bytesCreatedSince(filesBefore) >= 6L * MIB));
        assertEquals(200, answer.status(), answer.text());
        assertStored("streamed", payload);
    }

    @Test
    void aChunkedUploadPartCompletesIntoTheObject() throws IOException {
        String upload = bucket.createUpload("mpu");
        byte[] payload = TestData.random(2 * MIB + 9, 9);
        Response part = http.send(chunkedPut(bucket.path("mpu"), "partNumber=1&uploadId=" + upload,
                chunked(payload, 10), RawRequest.UNSIGNED).wire());
        assertEquals(200, part.status(), part.text());
        assertEquals("\"" + TestData.md5Hex(payload) + "\"", part.header("etag"));
        Response done = bucket.completeOnePart("mpu", upload, part.header("etag"));
        assertEquals(200, done.status(), done.text());
        assertStored("mpu", payload);
    }

    @Test
    void aMalformedChunkSizeIsIncompleteBodyAndStoresNothing() throws IOException {
        byte[] bad = ("10000\r\n" + "x".repeat(0x10000) + "\r\nzz-not-hex\r\nabc\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        Exchange exchange = http.exchange(chunkedPut(bucket.path("bad-size"), "", bad, RawRequest.UNSIGNED)
                .wire(), false, 1);
        ErrorAnswers.assertError(exchange.first(), 400, "IncompleteBody");
        assertNotStored("bad-size");
    }

    @Test
    void aMalformedChunkSizeInTheMiddleOfAStreamingUploadIsIncompleteBody() throws IOException {
        byte[] good = chunked(TestData.random(4 * MIB, 13), 14);
        byte[] bad = "-1\r\nabc\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] body = Arrays.copyOf(good, good.length - 5 + bad.length);
        System.arraycopy(bad, 0, body, good.length - 5, bad.length);
        byte[] wire = chunkedPut(bucket.path("bad-later"), "", body, RawRequest.UNSIGNED).wire();
        Response answer = http.sendSplit(wire, wire.length - bad.length, () -> Awaitility.await("the upload streams")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> bytesCreatedSince(filesBefore) >= 2L * MIB));
        ErrorAnswers.assertError(answer, 400, "IncompleteBody");
        assertNotStored("bad-later");
    }

    @Test
    void aChunkedBodyCutOffBeforeItsLastChunkStoresNothing() throws IOException {
        byte[] payload = TestData.random(3 * MIB, 11);
        byte[] encoded = chunked(payload, 12);
        byte[] cut = Arrays.copyOf(encoded, encoded.length - 100);
        Exchange exchange = http.exchange(chunkedPut(bucket.path("cut"), "", cut, RawRequest.UNSIGNED).wire(),
                true, 1);
        if (!exchange.closedWithoutAnswer()) ErrorAnswers.assertError(exchange.first(), 400, "IncompleteBody");
        assertNotStored("cut");
    }

    private static RawRequest chunkedPut(String path, String query, byte[] encoded, String payloadHash) {
        return request("PUT", path, query).header("Transfer-Encoding", "chunked").sign(Signing.now(), payloadHash)
                .noAutomaticLength().body(encoded);
    }

    /** {@code payload} in HTTP chunks of random sizes between 1 byte and 96 KiB, with the last chunk. */
    static byte[] chunked(byte[] payload, long seed) {
        Random random = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < payload.length; ) {
            int n = Math.min(payload.length - at, 1 + random.nextInt(96 * 1024));
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(payload, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            at += n;
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static void assertStored(String key, byte[] payload) throws IOException {
        Response got = http.send(request("GET", bucket.path(key), "").signed().wire());
        assertEquals(200, got.status(), got.text());
        assertArrayEquals(payload, got.body());
    }

    private void assertNotStored(String key) throws IOException {
        bucket.assertNotStored(key, filesBefore);
    }

    private long bytesCreatedSince(Set<Path> before) {
        long total = 0;
        for (Path file : ShardFiles.createdSince(SERVER.dataDir(), before)) {
            try {
                total += Files.size(file);
            } catch (NoSuchFileException renamed) {
                // A temp file that was just renamed into place is counted under its new name next poll.
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }

    private static RawRequest request(String method, String path, String query) {
        return bucket.request(method, path, query);
    }
}
