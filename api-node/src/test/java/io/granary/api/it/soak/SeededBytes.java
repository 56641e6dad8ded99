package io.granary.api.it.soak;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bytes of a soak object, a pure function of (seed, offset): any slice (a multipart part, a range) is made
 * again without the rest, so 64 clients write and verify gigabytes without keeping or storing them.
 */
final class SeededBytes extends InputStream {
    private final long seed;
    private long position;
    private final long end;

    SeededBytes(long seed, long offset, long length) {
        this.seed = seed;
        this.position = offset;
        this.end = offset + length;
    }

    /** SplitMix64 of the word index: every 8-byte word is independent of the others. */
    static byte at(long seed, long offset) {
        long z = seed + (offset >>> 3) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (byte) (z >>> ((offset & 7) * 8));
    }

    @Override
    public int read() {
        return position < end ? at(seed, position++) & 0xFF : -1;
    }

    @Override
    public int read(byte[] buffer, int from, int length) {
        if (position >= end) return -1;
        int n = (int) Math.min(length, end - position);
        for (int i = 0; i < n; i++) buffer[from + i] = at(seed, position++);
        return n;
    }

    /** Hex SHA-256 of {@code length} bytes from {@code offset}. */
    static String sha256(long seed, long offset, long length) {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[64 * 1024];
        try (SeededBytes bytes = new SeededBytes(seed, offset, length)) {
            for (int n; (n = bytes.read(buffer, 0, buffer.length)) > 0; ) digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        position = end;
    }
}
