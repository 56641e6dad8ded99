package io.granary.api.http;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;

/**
 * The general-purpose bucket naming rules of S3: 3 to 63 characters of lower-case letters, digits,
 * dots and hyphens, starting and ending with a letter or digit, no two adjacent dots, not shaped
 * like an IP address, none of the reserved prefixes and suffixes. Because {@code _} is never valid,
 * {@code /_admin/...} can never collide with a bucket.
 */
public final class BucketNames {

    private BucketNames() {
    }

    public static boolean isValid(String name) {
        int n = name.length();
        if (n < 3 || n > 63) return false;
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-';
            if (!ok) return false;
        }
        if (!Character.isLetterOrDigit(name.charAt(0)) || !Character.isLetterOrDigit(name.charAt(n - 1))) {
            return false;
        }
        if (name.contains("..") || name.contains(".-") || name.contains("-.")) return false;
        if (name.matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) return false;
        return !(name.startsWith("xn--") || name.startsWith("sthree-") || name.endsWith("-s3alias")
                || name.endsWith("--ol-s3"));
    }

    /** Returns {@code name} or throws {@code InvalidBucketName}. */
    public static String require(String name) {
        if (!isValid(name)) {
            throw S3Exception.of(S3Error.INVALID_BUCKET_NAME).withResource(name).with("BucketName", name);
        }
        return name;
    }
}
