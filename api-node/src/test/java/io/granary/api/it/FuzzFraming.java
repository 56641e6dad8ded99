package io.granary.api.it;

import io.granary.api.it.RawRequest.Signing;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Framings of a request's body and head that a well-behaved client never sends: HTTP-chunked and
 * aws-chunked bodies with bad sizes, bad chunk signatures or cut off; absurd, negative, duplicate and
 * lying Content-Lengths; and, on the wire bytes, bare CR or LF, NUL, obs-folds, odd request lines,
 * oversized heads and a head cut off by an early close.
 */
final class FuzzFraming {
    private final FuzzRandom random;

    FuzzFraming(FuzzRandom random) {
        this.random = random;
    }

    /** A body of {@code payload} in HTTP chunks, mutated when {@code broken}. */
    byte[] httpChunked(byte[] payload, boolean broken) {
        byte[] good = ChunkedTransferIT.chunked(payload, random.below(1000));
        if (!broken) return good;
        // Good chunks first (the upload may already stream), then the break, where the last chunk was.
        byte[] chunks = Arrays.copyOf(good, good.length - "0\r\n\r\n".length());
        return switch (random.below(5)) {
            case 0 -> concat(chunks, "zz\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            case 1 -> concat(chunks, "5\r\nabcdefgh\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            case 2 -> concat(chunks, "ffffffffffffffffff\r\n".getBytes(StandardCharsets.US_ASCII));
            case 3 -> concat(chunks, "-5\r\nabc\r\n".getBytes(StandardCharsets.US_ASCII));
            default -> Arrays.copyOf(good, Math.max(1, good.length - 1 - random.below(good.length)));
        };
    }

    /** A signed aws-chunked body of {@code payload}; when {@code broken}, a size, signature or end is wrong. */
    byte[] awsChunked(Signing signing, byte[] payload, boolean broken) {
        byte[] good = RawRequest.awsChunked(signing, payload, 1 + random.below(Math.max(1, payload.length)));
        if (!broken) return good;
        byte[] copy = good.clone();
        switch (random.below(4)) {
            case 0 -> copy[0] = (byte) 'z';
            case 1 -> {
                int at = indexOf(copy, "chunk-signature=") + "chunk-signature=".length() + random.below(64);
                copy[at] = (byte) (copy[at] == 'a' ? 'b' : 'a');
            }
            case 2 -> copy = Arrays.copyOf(copy, random.below(copy.length));
            default -> copy = concat(good, "5;chunk-signature=00\r\nabc".getBytes(StandardCharsets.US_ASCII));
        }
        return copy;
    }

    /** An unsigned aws-chunked body with a checksum trailer, as the SDKs send it, maybe malformed. */
    byte[] unsignedTrailer(byte[] payload, boolean broken) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((Integer.toHexString(payload.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        String trailer = broken ? random.pick("x-amz-checksum-crc32:zz", "x-amz-checksum-crc32", ":", "bad trailer")
                : "x-amz-checksum-crc32:AAAAAA==";
        out.writeBytes(("\r\n0\r\n" + trailer + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** A Content-Length value that does not describe a body of {@code length} bytes. */
    String lyingLength(int length) {
        return random.pick(String.valueOf(length + 1 + random.below(1000)), String.valueOf(Math.max(0, length - 3)),
                "-1", "abc", "99999999999999999999", "1e3", " " + length, length + ", " + length, "0x10",
                String.valueOf(Long.MAX_VALUE), "+" + length);
    }

    /** The request's bytes with its head broken in one way. */
    byte[] breakHead(byte[] wire) {
        String text = new String(wire, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        String head = text.substring(0, headEnd);
        String rest = text.substring(headEnd);
        String broken = switch (random.below(10)) {
            case 0 -> head + "\r\nX-Bare-Lf: a\nX-Second: b";
            case 1 -> head + "\r\nX-Bare-Cr: a\rb";
            case 2 -> head + "\r\nX-Nul\u0000: v";
            case 3 -> head + "\r\nX-Folded: a\r\n  continued";
            case 4 -> head + "\r\nX-Space : v";
            case 5 -> head.replaceFirst(" HTTP/1.1", random.pick(" HTTP/1.0", " HTTP/2.0", " HTTP/1.1 extra", "",
                    " http/1.1", " HTTP/9.9"));
            case 6 -> head + "\r\nX-Huge: " + "h".repeat(20_000);
            case 7 -> head + "\r\n: no-name";
            case 8 -> head.replaceFirst(" ", "  ");
            default -> head + "\r\nContent-Length: 0\r\ncontent-length: 7";
        };
        return (broken + rest).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The head cut short, as a client that dies mid-request leaves it. */
    byte[] cutHead(byte[] wire) {
        return Arrays.copyOf(wire, 1 + random.below(Math.max(1, indexOf(wire, "\r\n\r\n") + 3)));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).indexOf(needle);
    }
}
