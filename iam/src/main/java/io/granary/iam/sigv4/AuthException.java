package io.granary.iam.sigv4;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a request failed authentication, in AWS's own words. The message is the text S3 would put in
 * {@code <Message>}; {@link #details()} holds the extra elements of the S3 error document (for example
 * {@code StringToSign}, {@code CanonicalRequest}, {@code RequestTime}) in the order AWS writes them. The API node
 * translates {@link Reason} to the wire code with an exhaustive switch; this class knows nothing of HTTP.
 */
public final class AuthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Each reason's Javadoc names the S3 error code (and HTTP status) AWS answers with. */
    public enum Reason {
        /** {@code AccessDenied} (403): expired or not-yet-valid presigned URL, unsigned headers, no date. */
        ACCESS_DENIED,
        /** {@code InvalidAccessKeyId} (403): the access key is unknown or disabled. */
        INVALID_ACCESS_KEY_ID,
        /** {@code SignatureDoesNotMatch} (403): request, chunk or trailer signature is wrong. */
        SIGNATURE_DOES_NOT_MATCH,
        /** {@code AuthorizationHeaderMalformed} (400): unparsable header, wrong scope, region or date. */
        AUTHORIZATION_HEADER_MALFORMED,
        /** {@code AuthorizationQueryParametersError} (400): presigned URL parameters missing or malformed. */
        AUTHORIZATION_QUERY_PARAMETERS_ERROR,
        /** {@code RequestTimeTooSkewed} (403): request time more than 15 minutes from the server's clock. */
        REQUEST_TIME_TOO_SKEWED,
        /** {@code XAmzContentSHA256Mismatch} (400): the body does not hash to the literal x-amz-content-sha256. */
        X_AMZ_CONTENT_SHA256_MISMATCH,
        /** {@code MissingSecurityHeader} (400): a header streaming uploads need (decoded length, trailer) is absent. */
        MISSING_SECURITY_HEADER,
        /** {@code IncompleteBody} (400): the body ended before the final chunk or the declared decoded length. */
        INCOMPLETE_BODY,
        /** {@code InvalidRequest} (400): missing x-amz-content-sha256, unsupported signature (V4a; V2 when off). */
        INVALID_REQUEST,
        /**
         * {@code InvalidArgument} (400): bad x-amz-content-sha256 value, several auth mechanisms or
         * Authorization headers at once, a malformed Signature V2 header.
         */
        INVALID_ARGUMENT,
        /** {@code InvalidRequest} (400): bad aws-chunked framing (size line, CRLF, chunk-signature, extra data). */
        INVALID_CHUNK,
        /** {@code MalformedTrailerError} (400): trailer section malformed, oversize, undeclared or missing. */
        MALFORMED_TRAILER
    }

    /** S3's message for a wrong request signature. */
    public static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the "
            + "signature you provided. Check your key and signing method.";

    private final Reason reason;
    private final Map<String, String> details;

    public AuthException(Reason reason, String message) {
        this(reason, message, Map.of());
    }

    /** {@code details} is copied in iteration order; pass a {@link LinkedHashMap} when order matters. */
    public AuthException(Reason reason, String message, Map<String, String> details) {
        super(message);
        this.reason = reason;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /**
     * {@code SignatureDoesNotMatch} with the details AWS includes so clients can debug: the access key, the string
     * to sign (also as spaced hex bytes), the signature provided and, for Signature V4 requests, the canonical
     * request ({@code canonicalRequest} null for chunk and trailer signatures and for Signature V2, which have none).
     */
    public static AuthException signatureMismatch(String accessKeyId, String stringToSign, String provided,
            String canonicalRequest) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("AWSAccessKeyId", accessKeyId);
        details.put("StringToSign", stringToSign);
        details.put("SignatureProvided", provided);
        details.put("StringToSignBytes", spacedHex(stringToSign));
        if (canonicalRequest != null) {
            details.put("CanonicalRequest", canonicalRequest);
            details.put("CanonicalRequestBytes", spacedHex(canonicalRequest));
        }
        return new AuthException(Reason.SIGNATURE_DOES_NOT_MATCH, SIGNATURE_MISMATCH, details);
    }

    /**
     * {@code RequestTimeTooSkewed} when {@code time} (sent as {@code rawTime}) is more than {@code maxSkewMillis}
     * away from {@code now}, else null.
     */
    public static AuthException ifSkewed(Instant time, String rawTime, Instant now, long maxSkewMillis) {
        if (Math.abs(now.toEpochMilli() - time.toEpochMilli()) <= maxSkewMillis) return null;
        Map<String, String> details = new LinkedHashMap<>();
        details.put("RequestTime", rawTime);
        details.put("ServerTime", now.truncatedTo(ChronoUnit.SECONDS).toString());
        details.put("MaxAllowedSkewMilliseconds", Long.toString(maxSkewMillis));
        return new AuthException(Reason.REQUEST_TIME_TOO_SKEWED,
                "The difference between the request time and the current time is too large.", details);
    }

    public Reason reason() {
        return reason;
    }

    /** Extra elements of the S3 error document, element name to text, in document order. */
    public Map<String, String> details() {
        return details;
    }

    private static String spacedHex(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            if (out.length() > 0) out.append(' ');
            out.append(Character.forDigit((b >>> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return out.toString();
    }
}
