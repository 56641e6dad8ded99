package io.granary.iam.sigv4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;

/**
 * Requests signed by the real AWS SDK v2 signer verify with ours, header-signed and aws-chunked (all three
 * streaming modes, fed in random piece sizes); altering any signed part is rejected with the reason S3 gives.
 */
class SdkCrossCheckTest {
    static final byte[] BODY = randomBytes(300_000, 7);
    private static final SigV4Verifier VERIFIER = SdkSigner.verifier(SdkSigner.CLOCK);

    enum Chunking {
        SIGNED(true, false, PayloadMode.STREAMING_PAYLOAD),
        SIGNED_WITH_TRAILER(true, true, PayloadMode.STREAMING_PAYLOAD_TRAILER),
        UNSIGNED_WITH_TRAILER(false, true, PayloadMode.STREAMING_UNSIGNED_TRAILER);

        final boolean signed;
        final boolean trailer;
        final String marker;

        Chunking(boolean signed, boolean trailer, String marker) {
            this.signed = signed;
            this.trailer = trailer;
            this.marker = marker;
        }

        SdkSigner.Signed sign(byte[] body) {
            return SdkSigner.sign(SdkSigner.request(SdkHttpMethod.PUT, "bucket", "big/object.bin"), body, r -> {
                r.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, signed)
                        .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true);
                if (trailer) r.putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32);
            });
        }
    }

    static Stream<String> specialKeys() {
        return Stream.of("plain.txt", "dir/with space/file name.txt", "a+b=c&d.txt", "100%/%41%2F.txt",
                "unicode/ünïcødé-日本語-😀.txt", "punct/!*'()$@,;:~-_.txt", "tab\tand\"quote<>#[]{}|^`");
    }

    @ParameterizedTest
    @MethodSource("specialKeys")
    void sdkSignedGetWithSpecialKeyAndSubresourcesVerifies(String key) {
        SdkSigner.Signed get = SdkSigner.sign(getRequest(key), null, r -> { });
        AuthResult.Authenticated auth = assertInstanceOf(AuthResult.Authenticated.class,
                VERIFIER.authenticate(get.request()));
        assertEquals("user-42", auth.principal());
        assertEquals(SdkSigner.ACCESS_KEY, auth.accessKeyId());
        assertEquals(new PayloadMode.SignedPayload(SigV4Signing.EMPTY_SHA256), auth.payloadMode());
        assertArrayEquals(SigV4Signing.signingKey(SdkSigner.SECRET_KEY, "20250601", "us-east-1", "s3"),
                auth.signingKey());
    }

    @ParameterizedTest
    @MethodSource("specialKeys")
    void alteringThePathOrAnyQueryParameterOfAnSdkSignedGetIsRejected(String key) {
        SignedRequest good = SdkSigner.sign(getRequest(key), null, r -> { }).request();
        String query = good.rawQuery();
        List<SignedRequest> altered = List.of(
                new SignedRequest("GET", good.rawPath() + "x", query, good.headers()),
                new SignedRequest("GET", good.rawPath().replace("/bucket/", "/other/"), query, good.headers()),
                new SignedRequest("GET", good.rawPath(), query.replace("versionId=v1", "versionId=v2"), good.headers()),
                new SignedRequest("GET", good.rawPath(), query + "&extra=1", good.headers()),
                new SignedRequest("GET", good.rawPath(), query.replace("&tagging=", ""), good.headers()),
                new SignedRequest("HEAD", good.rawPath(), query, good.headers()));
        for (SignedRequest request : altered) {
            assertReason(AuthException.Reason.SIGNATURE_DOES_NOT_MATCH, () -> VERIFIER.authenticate(request));
        }
    }

    @Test
    void alteringAnySignedHeaderOfAnSdkSignedPutIsRejected() {
        SdkHttpFullRequest.Builder put = SdkSigner.request(SdkHttpMethod.PUT, "bucket", "k")
                .putHeader("Content-Type", "text/plain").putHeader("x-amz-meta-colour", "blue")
                .putHeader("x-amz-storage-class", "STANDARD");
        SignedRequest good = SdkSigner.sign(put, BODY, r -> { }).request();
        assertInstanceOf(AuthResult.Authenticated.class, VERIFIER.authenticate(good));
        List<String> names = List.of("content-type", "x-amz-meta-colour", "x-amz-storage-class", "content-length",
                "host", "x-amz-content-sha256", "x-amz-date");
        for (String name : names) {
            SignedRequest altered = withHeader(good, name, alter(good.headers().first(name)));
            assertReason(AuthException.Reason.SIGNATURE_DOES_NOT_MATCH, () -> VERIFIER.authenticate(altered));
        }
    }

    @Test
    void sdkSignedPutWithLiteralSha256VerifiesItsBodyAndRejectsAnAlteredOne() {
        SdkSigner.Signed put = SdkSigner.sign(SdkSigner.request(SdkHttpMethod.PUT, "bucket", "k"), BODY,
                r -> r.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        AuthResult auth = VERIFIER.authenticate(put.request());
        assertEquals(new PayloadMode.SignedPayload(SigV4Signing.sha256Hex(BODY)), auth.payloadMode());
        assertArrayEquals(BODY, ChunkedBodies.decode(auth, BODY, 1, 9000));
        byte[] altered = BODY.clone();
        altered[12345] ^= 1;
        assertReason(AuthException.Reason.X_AMZ_CONTENT_SHA256_MISMATCH,
                () -> ChunkedBodies.decode(auth, altered, 1, 9000));
        assertReason(AuthException.Reason.X_AMZ_CONTENT_SHA256_MISMATCH,
                () -> ChunkedBodies.decode(auth, java.util.Arrays.copyOf(BODY, BODY.length - 1), 1, 9000));
    }

    @Test
    void sdkSignedUnsignedPayloadPutPassesTheBodyThrough() {
        SdkSigner.Signed put = SdkSigner.sign(SdkSigner.request(SdkHttpMethod.PUT, "bucket", "k"), BODY,
                r -> r.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false));
        AuthResult auth = VERIFIER.authenticate(put.request());
        assertEquals(new PayloadMode.Unsigned(), auth.payloadMode());
        assertArrayEquals(BODY, ChunkedBodies.decode(auth, BODY, 2, 70_000));
    }

    static Stream<Arguments> chunkingAndPieceSizes() {
        List<Arguments> cases = new ArrayList<>();
        for (Chunking chunking : Chunking.values()) {
            for (int maxPiece : new int[] {1, 7, 8193, 200_000}) cases.add(Arguments.of(chunking, maxPiece));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, pieces of 1..{1} bytes")
    @MethodSource("chunkingAndPieceSizes")
    void sdkChunkedUploadDecodesToTheOriginalBodyInAnyPieceSizes(Chunking chunking, int maxPiece) {
        SdkSigner.Signed put = chunking.sign(BODY);
        assertEquals(chunking.marker, put.request().headers().first("x-amz-content-sha256"));
        AuthResult auth = VERIFIER.authenticate(put.request());
        assertInstanceOf(PayloadMode.Chunked.class, auth.payloadMode());
        List<Map<String, String>> trailers = new ArrayList<>();
        byte[] decoded = decodeKeepingTrailers(auth, put.wireBody(), maxPiece, trailers);
        assertArrayEquals(BODY, decoded);
        Map<String, String> expected = chunking.trailer
                ? Map.of("x-amz-checksum-crc32", ChunkedBodies.crc32Base64(BODY)) : Map.of();
        assertEquals(expected, trailers.get(0));
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void emptyChunkedUploadDecodes(Chunking chunking) {
        SdkSigner.Signed put = chunking.sign(new byte[0]);
        AuthResult auth = VERIFIER.authenticate(put.request());
        assertEquals(0, ChunkedBodies.decode(auth, put.wireBody(), 3, 5).length);
    }

    @ParameterizedTest
    @EnumSource(value = Chunking.class, names = {"SIGNED", "SIGNED_WITH_TRAILER"})
    void alteredChunkByteOrReorderedChunksAreRejectedWhenChunksAreSigned(Chunking chunking) {
        SdkSigner.Signed put = chunking.sign(BODY);
        AuthResult auth = VERIFIER.authenticate(put.request());
        List<byte[]> frames = ChunkedBodies.frames(put.wireBody());
        assertTrue(frames.size() >= 4, "expected several chunks, got " + frames.size());
        byte[] flipped = put.wireBody().clone();
        flipped[frames.get(0).length + 150] ^= 0x20;
        assertReason(AuthException.Reason.SIGNATURE_DOES_NOT_MATCH, () -> ChunkedBodies.decode(auth, flipped, 4, 999));
        List<byte[]> swapped = new ArrayList<>(frames);
        swapped.set(0, frames.get(1));
        swapped.set(1, frames.get(0));
        byte[] reordered = ChunkedBodies.join(swapped);
        assertReason(AuthException.Reason.SIGNATURE_DOES_NOT_MATCH,
                () -> ChunkedBodies.decode(auth, reordered, 5, 70_000));
        List<byte[]> dropped = new ArrayList<>(frames);
        dropped.remove(1);
        assertReason(AuthException.Reason.SIGNATURE_DOES_NOT_MATCH,
                () -> ChunkedBodies.decode(auth, ChunkedBodies.join(dropped), 5, 70_000));
    }

    @Test
    void alteredChunkOfAnUnsignedTrailerUploadNoLongerMatchesItsChecksumTrailer() {
        SdkSigner.Signed put = Chunking.UNSIGNED_WITH_TRAILER.sign(BODY);
        AuthResult auth = VERIFIER.authenticate(put.request());
        byte[] flipped = put.wireBody().clone();
        flipped[ChunkedBodies.frames(flipped).get(0).length + 150] ^= 0x20;
        List<Map<String, String>> trailers = new ArrayList<>();
        byte[] decoded = decodeKeepingTrailers(auth, flipped, 4096, trailers);
        assertNotEquals(ChunkedBodies.crc32Base64(decoded), trailers.get(0).get("x-amz-checksum-crc32"));
        assertEquals(ChunkedBodies.crc32Base64(BODY), trailers.get(0).get("x-amz-checksum-crc32"));
    }

    @Test
    void alteredOrRenamedSignedTrailerIsRejected() {
        SdkSigner.Signed put = Chunking.SIGNED_WITH_TRAILER.sign(BODY);
        AuthResult auth = VERIFIER.authenticate(put.request());
        String crc = "x-amz-checksum-crc32:" + ChunkedBodies.crc32Base64(BODY);
        byte[] alteredValue = ChunkedBodies.replace(put.wireBody(), crc, "x-amz-checksum-crc32:AAAAAA==");
        assertReason(AuthException.Reason.SIGNATURE_DOES_NOT_MATCH,
                () -> ChunkedBodies.decode(auth, alteredValue, 6, 50_000));
        byte[] renamed = ChunkedBodies.replace(put.wireBody(), "x-amz-checksum-crc32:", "x-amz-checksum-crc33:");
        assertReason(AuthException.Reason.MALFORMED_TRAILER, () -> ChunkedBodies.decode(auth, renamed, 6, 50_000));
        byte[] noSignature = ChunkedBodies.replace(put.wireBody(), "x-amz-trailer-signature:",
                "x-amz-trailer-signatur:");
        assertReason(AuthException.Reason.MALFORMED_TRAILER,
                () -> ChunkedBodies.decode(auth, noSignature, 6, 50_000));
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void truncatedChunkedBodyIsIncomplete(Chunking chunking) {
        SdkSigner.Signed put = chunking.sign(BODY);
        AuthResult auth = VERIFIER.authenticate(put.request());
        byte[] wire = put.wireBody();
        for (int cut : new int[] {0, 10, 90, 70_000, wire.length - 40, wire.length - 3, wire.length - 1}) {
            byte[] truncated = java.util.Arrays.copyOf(wire, cut);
            assertReason(AuthException.Reason.INCOMPLETE_BODY, () -> ChunkedBodies.decode(auth, truncated, 8, 9000));
        }
    }

    @ParameterizedTest
    @EnumSource(Chunking.class)
    void alteringTheDeclaredDecodedLengthOrTrailerHeaderIsRejected(Chunking chunking) {
        SignedRequest good = chunking.sign(BODY).request();
        SignedRequest longer = withHeader(good, "x-amz-decoded-content-length", "300001");
        assertReason(AuthException.Reason.SIGNATURE_DOES_NOT_MATCH, () -> VERIFIER.authenticate(longer));
        if (chunking.trailer) {
            SignedRequest otherTrailer = withHeader(good, "x-amz-trailer", "x-amz-checksum-sha256");
            assertReason(AuthException.Reason.SIGNATURE_DOES_NOT_MATCH, () -> VERIFIER.authenticate(otherTrailer));
        }
    }

    @ValueSource(ints = {1, 2})
    @ParameterizedTest
    void chunkedBodyWithDataAfterTheFinalChunkIsRejected(int extra) {
        SdkSigner.Signed put = Chunking.SIGNED.sign(BODY);
        AuthResult auth = VERIFIER.authenticate(put.request());
        byte[] wire = java.util.Arrays.copyOf(put.wireBody(), put.wireBody().length + extra);
        assertReason(AuthException.Reason.INVALID_CHUNK, () -> ChunkedBodies.decode(auth, wire, 9, 9000));
    }

    static SdkHttpFullRequest.Builder getRequest(String key) {
        return SdkSigner.request(SdkHttpMethod.GET, "bucket", key).putRawQueryParameter("versionId", "v1")
                .putRawQueryParameter("response-content-type", "text/plain; charset=utf-8")
                .putRawQueryParameter("response-content-disposition", "attachment; filename=\"a b+c.txt\"")
                .putRawQueryParameter("tagging", "");
    }

    static SignedRequest withHeader(SignedRequest request, String name, String value) {
        HeaderMap.Builder headers = HeaderMap.builder();
        for (String n : request.headers().names()) {
            if (!n.equals(name)) request.headers().all(n).forEach(v -> headers.add(n, v));
        }
        if (value != null) headers.add(name, value);
        return new SignedRequest(request.method(), request.rawPath(), request.rawQuery(), headers.build());
    }

    static void assertReason(AuthException.Reason reason, Executable executable) {
        AuthException e = assertThrows(AuthException.class, executable);
        assertEquals(reason, e.reason(), e.getMessage());
    }

    /** Changes the last digit (or, without digits, the last character) so that the value stays well-formed. */
    private static String alter(String value) {
        int at = value.length() - 1;
        while (at > 0 && !Character.isDigit(value.charAt(at))) at--;
        char c = value.charAt(at);
        return value.substring(0, at) + (c == '1' ? '2' : '1') + value.substring(at + 1);
    }

    private static byte[] decodeKeepingTrailers(AuthResult auth, byte[] wire, int maxPiece,
                                                List<Map<String, String>> trailers) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        PayloadDecoder decoder = PayloadDecoder.forRequest(auth, p -> {
            byte[] copy = new byte[p.remaining()];
            p.get(copy);
            out.writeBytes(copy);
        });
        ChunkedBodies.feed(decoder, wire, maxPiece, maxPiece);
        decoder.finish();
        trailers.add(decoder.trailers());
        return out.toByteArray();
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
