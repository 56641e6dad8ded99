package io.granary.api.it;

/**
 * Request paths: the fuzz bucket, its keys and sub-paths, other and invalid bucket names, percent-escapes
 * (valid, malformed, encoding invalid UTF-8), dot segments, raw non-ASCII, doubled slashes and keys far
 * over S3's 1024-byte limit. Never the canary bucket, so the good request after the cases keeps working.
 */
final class FuzzPaths {
    private static final String KEY_CHARS = "abcXYZ019-_.~/!*'()&$@=;:+ ,?#[]";

    private final FuzzRandom random;
    private final String bucket;
    private final String existingKey;

    FuzzPaths(FuzzRandom random, String bucket, String existingKey) {
        this.random = random;
        this.bucket = bucket;
        this.existingKey = existingKey;
    }

    String next() {
        return switch (random.below(12)) {
            case 0 -> "/";
            case 1 -> "/" + bucket;
            case 2 -> "/" + bucket + "/" + existingKey;
            case 3 -> "/" + random.pick("nonexistent-fuzz-bucket", "UPPER", "a", "x..y", "-dash", "ip.1.2.3.4",
                    "b_" + random.text("abc", 70), "%62ucket", "b%00") + random.pick("", "/", "/k");
            case 4 -> "/" + bucket + "/" + escape(random.text(KEY_CHARS, 1 + random.below(20)));
            case 5 -> "/" + bucket + "/" + random.pick("%zz", "%2", "%C3%28", "%FF", "%ED%A0%80", "%C0%AF",
                    "%F4%90%80%80", "%00", "%0D%0A", "a%2Fb", "%E2%82");
            case 6 -> "/" + bucket + random.pick("/..", "/../..", "/./k", "/k/../../etc/passwd", "//k", "/k//",
                    "/%2E%2E/x", "/.");
            case 7 -> "/" + bucket + "/" + "k".repeat(random.pick(1024, 1025, 4000, 15_000));
            case 8 -> "/" + bucket + "/" + random.pick("é", "日本", "\u0000", "a b", "\t", "\u00ff", "\uD83D\uDE00");
            case 9 -> "/" + bucket + "/" + random.text("abc", 1 + random.below(8)) + "/" + random.below(100);
            case 10 -> random.pick("*", "http://127.0.0.1/" + bucket, "", "/" + bucket + "?", "/%", "//");
            default -> "/" + bucket + "/fuzz-" + random.below(50);
        };
    }

    /** Percent-encodes everything but unreserved characters and {@code /}, as the SDKs do. */
    static String escape(String key) {
        StringBuilder out = new StringBuilder();
        for (byte b : key.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || "-_.~/".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
