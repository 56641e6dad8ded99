package io.granary.iam.checksum;

import java.util.Locale;

/**
 * The {@code x-amz-checksum-type} of a multipart upload: a checksum of the part checksums
 * ({@code COMPOSITE}, shown as {@code value-N}) or the checksum of the whole object
 * ({@code FULL_OBJECT}, CRCs only, computed by combining part CRCs).
 */
public enum ChecksumType {
    COMPOSITE,
    FULL_OBJECT;

    public static final String HEADER = "x-amz-checksum-type";

    /** Whether {@code algorithm} can be used with this type. */
    public boolean supports(ChecksumAlgorithm algorithm) {
        return switch (this) {
            case COMPOSITE -> algorithm.supportsComposite();
            case FULL_OBJECT -> algorithm.supportsFullObject();
        };
    }

    /**
     * The type named in the header; AWS defaults to COMPOSITE, except for CRC64NVME, which only has
     * a full-object form.
     */
    public static ChecksumType parseOrDefault(String headerValue, ChecksumAlgorithm algorithm) {
        if (headerValue == null) {
            return algorithm.supportsComposite() ? COMPOSITE : FULL_OBJECT;
        }
        try {
            return valueOf(headerValue.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidChecksumException(InvalidChecksumException.Reason.UNKNOWN_ALGORITHM, HEADER,
                    "Value for " + HEADER + " header is invalid: " + headerValue);
        }
    }
}
