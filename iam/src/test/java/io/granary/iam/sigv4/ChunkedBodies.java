package io.granary.iam.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

/** Test plumbing for bodies: feeding in random pieces, splitting an aws-chunked body, CRC32 trailer values. */
final class ChunkedBodies {
    private ChunkedBodies() {
    }

    /** Feeds {@code wire} in pieces of random size 1..maxPiece (1 means byte by byte), then finishes. */
    static byte[] decode(AuthResult auth, byte[] wire, long seed, int maxPiece) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PayloadDecoder decoder = PayloadDecoder.forRequest(auth, payload -> {
            byte[] copy = new byte[payload.remaining()];
            payload.get(copy);
            out.writeBytes(copy);
        });
        feed(decoder, wire, seed, maxPiece);
        decoder.finish();
        return out.toByteArray();
    }

    static void feed(PayloadDecoder decoder, byte[] wire, long seed, int maxPiece) {
        Random random = new Random(seed);
        int at = 0;
        while (at < wire.length) {
            int n = Math.min(wire.length - at, 1 + random.nextInt(maxPiece));
            ByteBuffer piece = ByteBuffer.wrap(wire, at, n);
            decoder.feed(piece);
            if (piece.hasRemaining()) throw new AssertionError("decoder left bytes in the piece");
            at += n;
        }
    }

    /** The frames of an aws-chunked body: each chunk's size line plus data plus CRLF, then the tail. */
    static List<byte[]> frames(byte[] wire) {
        List<byte[]> frames = new ArrayList<>();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(wire, at) + 2;
            String line = new String(wire, at, lineEnd - at - 2, StandardCharsets.ISO_8859_1);
            int size = Integer.parseInt(line.split(";")[0], 16);
            if (size == 0) {
                frames.add(Arrays.copyOfRange(wire, at, wire.length));
                return frames;
            }
            frames.add(Arrays.copyOfRange(wire, at, lineEnd + size + 2));
            at = lineEnd + size + 2;
        }
    }

    static byte[] join(List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(out::writeBytes);
        return out.toByteArray();
    }

    static String crc32Base64(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    static byte[] replace(byte[] wire, String from, String to) {
        String text = new String(wire, StandardCharsets.ISO_8859_1);
        if (!text.contains(from)) throw new AssertionError("body does not contain " + from);
        return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int indexOf(byte[] wire, int from) {
        for (int i = from; i < wire.length - 1; i++) {
            if (wire[i] == '\r' && wire[i + 1] == '\n') return i;
        }
        throw new AssertionError("no CRLF after " + from);
    }
}
