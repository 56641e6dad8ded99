package io.granary.api.http;

import io.vertx.core.buffer.Buffer;
import java.util.Arrays;

/**
 * Finds the delimiter line ({@code \r\n--boundary}) that ends a multipart part in the buffers the part
 * arrives in: {@link #feed} returns the bytes that certainly belong to the part and holds back only a tail
 * that could be the start of the delimiter, so the delimiter is found wherever the buffers split it.
 * Scans byte arrays, several times faster than {@code Buffer.getByte} per byte. Not thread-safe.
 */
final class PartEndScanner {
    private static final byte[] NOTHING = new byte[0];

    private final byte[] delimiter;
    private byte[] held = NOTHING;
    private boolean ended;

    PartEndScanner(byte[] delimiter) {
        this.delimiter = delimiter.clone();
    }

    /** The part's bytes up to the end of {@code chunk} or the delimiter; empty once the delimiter was seen. */
    Buffer feed(Buffer chunk) {
        if (ended) return Buffer.buffer();
        byte[] bytes = chunk.getBytes();
        boolean whole = held.length == 0;
        if (!whole) {
            byte[] joined = Arrays.copyOf(held, held.length + bytes.length);
            System.arraycopy(bytes, 0, joined, held.length, bytes.length);
            bytes = joined;
        }
        int at = indexOf(bytes, bytes.length, delimiter, 0);
        if (at >= 0) {
            ended = true;
            held = NOTHING;
            return Buffer.buffer().appendBytes(bytes, 0, at);
        }
        int keep = partialDelimiter(bytes);
        held = Arrays.copyOfRange(bytes, bytes.length - keep, bytes.length);
        return whole && keep == 0 ? chunk : Buffer.buffer().appendBytes(bytes, 0, bytes.length - keep);
    }

    /** Whether the delimiter has been seen. */
    boolean ended() {
        return ended;
    }

    /** How many trailing bytes of {@code data} could be the start of the delimiter. */
    private int partialDelimiter(byte[] data) {
        for (int k = Math.min(delimiter.length - 1, data.length); k > 0; k--) {
            if (Arrays.equals(data, data.length - k, data.length, delimiter, 0, k)) return k;
        }
        return 0;
    }

    /** Where {@code pattern} first starts in {@code data[from, length)}, or -1. */
    static int indexOf(byte[] data, int length, byte[] pattern, int from) {
        int last = length - pattern.length;
        byte first = pattern[0];
        for (int i = from; i <= last; i++) {
            if (data[i] == first && startsWith(data, i, pattern)) return i;
        }
        return -1;
    }

    static boolean startsWith(byte[] data, int at, byte[] pattern) {
        return at + pattern.length <= data.length && Arrays.equals(data, at, at + pattern.length, pattern, 0,
                pattern.length);
    }
}
