package io.granary.api.http;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;

/**
 * One {@code Range: bytes=...} request resolved against an object length: {@code first..last}
 * inclusive. Forms: {@code a-b}, {@code a-} (open-ended) and {@code -n} (the last n bytes). As S3
 * does, a header that is not a single well-formed byte range is ignored (the whole object is sent),
 * and a well-formed range that starts past the end is {@code 416 InvalidRange}.
 */
public record ByteRange(long first, long last) {

    public long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} value for this range of an object of {@code size} bytes. */
    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * Parses {@code header} (may be null) for an object of {@code size} bytes.
     *
     * @return the range, or null when the whole object should be sent
     * @throws S3Exception InvalidRange when the range cannot be satisfied
     */
    public static ByteRange parse(String header, long size) {
        if (header == null) return null;
        String spec = header.trim();
        if (!spec.startsWith("bytes=") || spec.indexOf(',') >= 0) return null;
        spec = spec.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) return null;
        Long start = number(spec.substring(0, dash).trim());
        Long end = number(spec.substring(dash + 1).trim());
        if (start == null && end == null) return null;
        if (start == null) {
            if (end == 0) throw unsatisfiable(header, size);
            return size == 0 ? null : new ByteRange(Math.max(0, size - end), size - 1);
        }
        if (end != null && end < start) return null;
        if (start >= size) throw unsatisfiable(header, size);
        return new ByteRange(start, end == null ? size - 1 : Math.min(end, size - 1));
    }

    private static Long number(String digits) {
        if (digits.isEmpty() || digits.length() > 18) return null;
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) return null;
        }
        return Long.parseLong(digits);
    }

    private static S3Exception unsatisfiable(String header, long size) {
        return S3Exception.of(S3Error.INVALID_RANGE).with("RangeRequested", header)
                .with("ActualObjectSize", String.valueOf(size));
    }
}
