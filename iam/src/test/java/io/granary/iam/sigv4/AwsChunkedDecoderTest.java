package io.granary.iam.sigv4;

import static io.granary.iam.sigv4.SdkCrossCheckTest.assertReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Framing errors of aws-chunked bodies, each with its precise reason, fed whole and byte by byte. */
class AwsChunkedDecoderTest {
    private static final String CRC = "x-amz-checksum-crc32";

    static Stream<Arguments> malformedUnsignedBodies() {
        String good = "5\r\nhello\r\n0\r\n" + CRC + ":NhCmhg==\r\n\r\n";
        return Stream.of(
                bad("bad hex size", "zz\r\nhello\r\n", 5, AuthException.Reason.INVALID_CHUNK, "Invalid chunk size"),
                bad("empty size", "\r\nhello\r\n", 5, AuthException.Reason.INVALID_CHUNK, "Invalid chunk size"),
                bad("size line without CR", "5\nhello\r\n", 5, AuthException.Reason.INVALID_CHUNK, "CRLF"),
                bad("data without CRLF", "5\r\nhelloX\n", 5, AuthException.Reason.INVALID_CHUNK, "CRLF"),
                bad("oversize size line", "0".repeat(5000) + "\r\n", 5, AuthException.Reason.INVALID_CHUNK,
                        "longer than 4096"),
                bad("chunks exceed decoded length", "6\r\nhello!\r\n", 5, AuthException.Reason.INVALID_CHUNK,
                        "exceed the x-amz-decoded-content-length"),
                bad("seventeen hex digits", "00000000000000005\r\n", 5, AuthException.Reason.INVALID_CHUNK,
                        "Invalid chunk size"),
                bad("trailer without colon", "5\r\nhello\r\n0\r\n" + CRC + "\r\n\r\n", 5,
                        AuthException.Reason.MALFORMED_TRAILER, "name:value"),
                bad("undeclared trailer", "5\r\nhello\r\n0\r\nx-amz-checksum-sha1:abc\r\n\r\n", 5,
                        AuthException.Reason.MALFORMED_TRAILER, "Unexpected trailer"),
                bad("repeated trailer", "5\r\nhello\r\n0\r\n" + CRC + ":a\r\n" + CRC + ":b\r\n\r\n", 5,
                        AuthException.Reason.MALFORMED_TRAILER, "Unexpected trailer"),
                bad("declared trailer missing", "5\r\nhello\r\n0\r\n\r\n", 5, AuthException.Reason.MALFORMED_TRAILER,
                        "was not sent"),
                bad("oversize trailer line", "5\r\nhello\r\n0\r\n" + CRC + ":" + "A".repeat(5000) + "\r\n\r\n",
                        5, AuthException.Reason.MALFORMED_TRAILER, "longer than 4096"),
                bad("unsigned trailer signature", "5\r\nhello\r\n0\r\nx-amz-trailer-signature:"
                        + "a".repeat(64) + "\r\n\r\n", 5, AuthException.Reason.MALFORMED_TRAILER, "Unexpected"),
                bad("data after the end", good + "X", 5, AuthException.Reason.INVALID_CHUNK, "after the final chunk"),
                bad("body shorter than declared", "5\r\nhello\r\n0\r\n" + CRC + ":NhCmhg==\r\n\r\n", 6,
                        AuthException.Reason.INCOMPLETE_BODY, "6 declared, 5 received"),
                bad("body truncated in trailers", "5\r\nhello\r\n0\r\n" + CRC + ":Nh", 5,
                        AuthException.Reason.INCOMPLETE_BODY, "truncated"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedUnsignedBodies")
    void malformedUnsignedTrailerBodyIsRejectedWholeAndByteByByte(String body, long declared,
                                                                   AuthException.Reason reason, String message) {
        byte[] wire = body.getBytes(StandardCharsets.ISO_8859_1);
        for (int maxPiece : new int[] {1, wire.length}) {
            PayloadDecoder decoder = unsigned(declared, buffer -> { });
            AuthException e = assertThrows(AuthException.class, () -> {
                ChunkedBodies.feed(decoder, wire, 1, maxPiece);
                decoder.finish();
            });
            assertEquals(reason, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains(message), e.getMessage());
        }
    }

    @Test
    void wellFormedUnsignedTrailerBodyExposesItsTrailerAndPassesSlicesWithoutCopying() {
        byte[] wire = ("5\r\nhello\r\n3;ext=1\r\n!!!\r\n0\r\n" + CRC + ": NhCmhg== \r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        List<ByteBuffer> slices = new ArrayList<>();
        PayloadDecoder decoder = unsigned(8, slices::add);
        decoder.feed(ByteBuffer.wrap(wire));
        decoder.finish();
        assertEquals(java.util.Map.of(CRC, "NhCmhg=="), decoder.trailers());
        assertEquals(8, decoder.payloadLength());
        assertEquals(2, slices.size());
        assertSame(wire, slices.get(0).array());
        assertEquals("hello", StandardCharsets.ISO_8859_1.decode(slices.get(0)).toString());
    }

    @Test
    void afterAFailureTheDecoderRethrowsTheSameException() {
        PayloadDecoder decoder = unsigned(5, buffer -> { });
        AuthException first = assertThrows(AuthException.class,
                () -> decoder.feed(ByteBuffer.wrap("x\r\n".getBytes(StandardCharsets.ISO_8859_1))));
        assertSame(first, assertThrows(AuthException.class, () -> decoder.feed(ByteBuffer.allocate(1))));
        assertSame(first, assertThrows(AuthException.class, decoder::finish));
    }

    @Test
    void signedChunkWithMissingOrMalformedSignatureIsRejected() {
        SdkSigner.Signed put = SdkCrossCheckTest.Chunking.SIGNED.sign("hello world".getBytes(StandardCharsets.UTF_8));
        AuthResult auth = SdkSigner.verifier(SdkSigner.CLOCK).authenticate(put.request());
        String wire = new String(put.wireBody(), StandardCharsets.ISO_8859_1);
        String signature = wire.substring(wire.indexOf("chunk-signature=") + 16, wire.indexOf("\r\n"));
        for (String broken : new String[] {wire.replace(";chunk-signature=" + signature, ""),
                wire.replace(signature, signature.substring(1)), wire.replace("chunk-signature=", "chunk-sig=")}) {
            byte[] bytes = broken.getBytes(StandardCharsets.ISO_8859_1);
            assertReason(AuthException.Reason.INVALID_CHUNK, () -> ChunkedBodies.decode(auth, bytes, 2, 3));
        }
    }

    private static PayloadDecoder unsigned(long declared, PayloadSink sink) {
        return new AwsChunkedDecoder(new PayloadMode.UnsignedTrailer(CRC, declared), null, sink);
    }

    private static Arguments bad(String name, String body, long declared, AuthException.Reason reason,
                                 String message) {
        return Arguments.of(Named.of(name, body), declared, reason, message);
    }
}
