package io.granary.metadata;

import io.granary.metadata.store.MetadataException;
import io.granary.metadata.store.MetadataException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds and takes apart the binary keys described in {@link Schema}. Object keys are validated
 * here once: 1 to 1024 UTF-8 bytes and no U+0000, because 0x00 separates the object key from the
 * upload id in upload and part keys (XML 1.0 cannot carry U+0000 in a listing anyway).
 */
public final class Keys {

    /** Longest object key S3 allows, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;
    /** Upper bound above every key this module writes (bucket ids and sequences are below 2^63). */
    public static final byte[] END = {(byte) 0xFF};

    private Keys() {
    }

    /** The UTF-8 bytes of a valid object key. */
    public static byte[] objectKeyBytes(String key) {
        if (key == null || key.isEmpty()) throw new MetadataException(Reason.INVALID_ARGUMENT, "empty object key");
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_KEY_BYTES) {
            throw new MetadataException(Reason.KEY_TOO_LONG, "object key is " + bytes.length + " UTF-8 bytes, over "
                    + MAX_KEY_BYTES);
        }
        for (byte b : bytes) {
            if (b == 0) throw new MetadataException(Reason.INVALID_ARGUMENT, "object key contains U+0000");
        }
        return bytes;
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static String utf8(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    public static byte[] longKey(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    public static long readLong(byte[] bytes, int offset) {
        return ByteBuffer.wrap(bytes, offset, Long.BYTES).getLong();
    }

    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) length += p.length;
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** The later of two keys in bytewise order. */
    public static byte[] max(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) >= 0 ? a : b;
    }

    /** The smallest key after {@code key} itself (its immediate successor in bytewise order). */
    public static byte[] after(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    /**
     * The smallest byte string greater than every string that starts with {@code prefix}, or
     * {@link #END} when there is none (the prefix is all 0xFF).
     */
    public static byte[] pastPrefix(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] out = Arrays.copyOf(prefix, i + 1);
                out[i]++;
                return out;
            }
        }
        return END.clone();
    }

    /** Whether {@code bytes[from..]} starts with {@code prefix}. */
    public static boolean startsWith(byte[] bytes, int from, byte[] prefix) {
        return bytes.length - from >= prefix.length
                && Arrays.equals(bytes, from, from + prefix.length, prefix, 0, prefix.length);
    }

    /** Index of the first {@code needle} in {@code bytes[from..to)}, or -1. */
    public static int indexOf(byte[] bytes, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    /** A readable form of a binary key for error messages: printable ASCII as is, other bytes as \xNN. */
    public static String describe(byte[] key) {
        StringBuilder out = new StringBuilder(key.length + 16);
        for (byte b : key) {
            int c = Byte.toUnsignedInt(b);
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                out.append((char) c);
            } else {
                out.append(String.format("\\x%02x", c));
            }
        }
        return out.toString();
    }
}
