package io.granary.api.console;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of bucket names and keys for S3 paths: every byte but RFC 3986 unreserved ones and '/'. */
final class S3Paths {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private S3Paths() {
    }

    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~' || c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
