package io.granary.api.http;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;

/**
 * UploadPartCopy's {@code x-amz-copy-source-range}: unlike a GET's Range, only {@code bytes=first-last},
 * both offsets given and inside the source object; anything else is {@code 400 InvalidArgument}, never
 * a silently clamped copy.
 */
public final class CopySourceRange {
    private CopySourceRange() {
    }

    /**
     * @param header the header's value, or null for the whole source
     * @return the range to copy, or null for the whole source
     */
    public static ByteRange parse(String header, long sourceSize) {
        if (header == null) return null;
        String spec = header.trim();
        int dash = spec.indexOf('-');
        if (!spec.startsWith("bytes=") || dash < 0) throw malformed();
        long first = offset(spec.substring("bytes=".length(), dash));
        long last = offset(spec.substring(dash + 1));
        if (first > last) throw malformed();
        if (last >= sourceSize) {
            throw S3Exception.of(S3Error.INVALID_ARGUMENT, "Range specified is not valid for source object of size: "
                    + sourceSize).with("ArgumentName", S3Headers.COPY_SOURCE_RANGE).with("ArgumentValue", header);
        }
        return new ByteRange(first, last);
    }

    private static long offset(String digits) {
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
            throw malformed();
        }
        return Long.parseLong(digits);
    }

    private static S3Exception malformed() {
        return S3Exception.of(S3Error.INVALID_ARGUMENT, "The x-amz-copy-source-range value must be of the form "
                + "bytes=first-last where first and last are the zero-based offsets of the first and last bytes to "
                + "copy");
    }
}
