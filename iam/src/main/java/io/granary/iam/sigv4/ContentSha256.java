package io.granary.iam.sigv4;

import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code x-amz-content-sha256} (and, for aws-chunked bodies, {@code x-amz-decoded-content-length} and
 * {@code x-amz-trailer}) into a {@link PayloadMode}, with the errors S3 gives for bad or missing values.
 */
final class ContentSha256 {
    static final String HEADER = "x-amz-content-sha256";
    static final String DECODED_LENGTH = "x-amz-decoded-content-length";
    static final String TRAILER = "x-amz-trailer";
    private static final String ECDSA_PREFIX = "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD";

    private ContentSha256() {
    }

    /** {@code seedSignature} is null for anonymous requests, which cannot use signed chunks. */
    static PayloadMode mode(String value, String seedSignature, HeaderMap headers) {
        if (value == null || value.equals(PayloadMode.UNSIGNED_PAYLOAD)) return new PayloadMode.Unsigned();
        if (isSha256Hex(value)) return new PayloadMode.SignedPayload(value.toLowerCase(Locale.ROOT));
        switch (value) {
            case PayloadMode.STREAMING_PAYLOAD:
                return new PayloadMode.Streaming(seed(seedSignature), decodedLength(headers));
            case PayloadMode.STREAMING_PAYLOAD_TRAILER:
                return new PayloadMode.StreamingTrailer(seed(seedSignature), trailer(headers), decodedLength(headers));
            case PayloadMode.STREAMING_UNSIGNED_TRAILER:
                return new PayloadMode.UnsignedTrailer(trailer(headers), decodedLength(headers));
            default:
                if (value.startsWith(ECDSA_PREFIX)) {
                    throw new AuthException(AuthException.Reason.INVALID_REQUEST,
                            "Signature Version 4A (ECDSA) payload signing is not supported.");
                }
                throw new AuthException(AuthException.Reason.INVALID_ARGUMENT, "x-amz-content-sha256 must be "
                        + "UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, "
                        + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, "
                        + "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.",
                        Map.of("ArgumentName", HEADER, "ArgumentValue", value));
        }
    }

    static boolean isSha256Hex(String value) {
        if (value.length() != 64) return false;
        for (int i = 0; i < 64; i++) {
            if (UriEncoding.hexValue(value.charAt(i)) < 0) return false;
        }
        return true;
    }

    private static String seed(String seedSignature) {
        if (seedSignature == null) {
            throw new AuthException(AuthException.Reason.ACCESS_DENIED,
                    "Signed streaming payloads require a signed request.");
        }
        return seedSignature;
    }

    private static long decodedLength(HeaderMap headers) {
        String value = required(headers, DECODED_LENGTH);
        try {
            long length = Long.parseLong(value.strip());
            if (length >= 0) return length;
        } catch (NumberFormatException e) {
            // falls through to the same error as a negative length
        }
        throw new AuthException(AuthException.Reason.INVALID_ARGUMENT,
                "x-amz-decoded-content-length must be a non-negative integer.",
                Map.of("ArgumentName", DECODED_LENGTH, "ArgumentValue", value));
    }

    private static String trailer(HeaderMap headers) {
        String name = HeaderMap.lower(required(headers, TRAILER).strip());
        if (name.isEmpty() || name.indexOf(',') >= 0 || name.indexOf(' ') >= 0 || name.indexOf(':') >= 0) {
            throw new AuthException(AuthException.Reason.INVALID_ARGUMENT,
                    "x-amz-trailer must name exactly one trailing header.",
                    Map.of("ArgumentName", TRAILER, "ArgumentValue", name));
        }
        return name;
    }

    private static String required(HeaderMap headers, String name) {
        String value = headers.first(name);
        if (value == null) {
            throw new AuthException(AuthException.Reason.MISSING_SECURITY_HEADER,
                    "Your request was missing a required header", Map.of("MissingHeaderName", name));
        }
        return value;
    }
}
