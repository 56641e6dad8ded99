package io.granary.iam.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * AWS's URI encoding for canonical requests: bytes A-Z a-z 0-9 - . _ ~ stay, every other byte becomes
 * {@code %XX} with upper-case hex. Wire text is first decoded to bytes ({@code %XX} to its byte, any other
 * character to its UTF-8 bytes; a '%' not followed by two hex digits is a literal '%') so that a client's
 * choice of which characters to escape does not change the canonical form. '+' is a literal plus (RFC 3986).
 */
public final class UriEncoding {
    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {
    }

    /** Canonical form of a raw (wire) path segment, query name or query value. */
    static String canonical(String raw) {
        return isCanonical(raw) ? raw : encode(decode(raw));
    }

    static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int v = b & 0xff;
            if (isUnreserved(v)) {
                out.append((char) v);
            } else {
                out.append('%').append(UPPER_HEX[v >>> 4]).append(UPPER_HEX[v & 0xf]);
            }
        }
        return out.toString();
    }

    static byte[] decode(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && hexValue(raw.charAt(i + 1)) >= 0
                    && hexValue(raw.charAt(i + 2)) >= 0) {
                out.write(hexValue(raw.charAt(i + 1)) << 4 | hexValue(raw.charAt(i + 2)));
                i += 3;
            } else if (c < 0x80) {
                out.write(c);
                i++;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < raw.length() ? i + 2 : i + 1;
                out.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return out.toByteArray();
    }

    /** Decodes {@code %XX} escapes and reads the bytes as UTF-8, for values such as X-Amz-Credential. */
    public static String decodeToString(String raw) {
        return raw.indexOf('%') < 0 ? raw : new String(decode(raw), StandardCharsets.UTF_8);
    }

    /** True when {@code raw} already is its own canonical encoding (the common case, checked without copying). */
    private static boolean isCanonical(String raw) {
        int n = raw.length();
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            if (isUnreserved(c)) continue;
            if (c != '%' || i + 2 >= n) return false;
            int hi = upperHexValue(raw.charAt(i + 1));
            int lo = upperHexValue(raw.charAt(i + 2));
            if (hi < 0 || lo < 0 || isUnreserved(hi << 4 | lo)) return false;
            i += 2;
        }
        return true;
    }

    static boolean isUnreserved(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static int upperHexValue(char c) {
        return c >= 'a' && c <= 'f' ? -1 : hexValue(c);
    }

    static int hexValue(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
}
