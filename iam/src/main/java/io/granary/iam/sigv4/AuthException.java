package io.granary.iam.sigv4;

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
        /** {@code InvalidRequest} (400): missing x-amz-content-sha256, unsupported signature version (V2, V4a). */
        INVALID_REQUEST,
        /** {@code InvalidArgument} (400): bad x-amz-content-sha256 value, several auth mechanisms at once. */
        INVALID_ARGUMENT,
        /** {@code InvalidRequest} (400): bad aws-chunked framing (size line, CRLF, chunk-signature, extra data). */
        INVALID_CHUNK,
        /** {@code MalformedTrailerError} (400): trailer section malformed, oversize, undeclared or missing. */
        MALFORMED_TRAILER
    }

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

    public Reason reason() {
        return reason;
    }

    /** Extra elements of the S3 error document, element name to text, in document order. */
    public Map<String, String> details() {
        return details;
    }
}
