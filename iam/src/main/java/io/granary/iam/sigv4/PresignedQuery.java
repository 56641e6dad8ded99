package io.granary.iam.sigv4;

import java.time.Instant;
import java.util.List;

/**
 * The {@code X-Amz-*} parameters of a presigned URL, validated: algorithm, credential, date, expiry (1 second
 * to 7 days), signed headers and signature. Problems are {@code AuthorizationQueryParametersError} with AWS's
 * messages.
 */
public record PresignedQuery(CredentialScope credential, String amzDate, Instant signedAt, long expiresSeconds,
                             List<String> signedHeaders, String signature) {
    public static final long MAX_EXPIRES_SECONDS = 604_800;
    static final String CREDENTIAL_ERROR = "Error parsing the X-Amz-Credential parameter; ";
    private static final AuthException.Reason REASON = AuthException.Reason.AUTHORIZATION_QUERY_PARAMETERS_ERROR;

    /** True when the query carries any SigV4 presigning parameter (so it is meant as a presigned request). */
    static boolean isPresigned(QueryParameters query) {
        return query.contains("X-Amz-Algorithm") || query.contains("X-Amz-Signature")
                || query.contains("X-Amz-Credential");
    }

    public static PresignedQuery parse(QueryParameters query) {
        String algorithm = query.first("X-Amz-Algorithm");
        String credential = query.first("X-Amz-Credential");
        String signature = query.first("X-Amz-Signature");
        String date = query.first("X-Amz-Date");
        String signedHeaders = query.first("X-Amz-SignedHeaders");
        String expires = query.first("X-Amz-Expires");
        if (algorithm == null || credential == null || signature == null || date == null || signedHeaders == null
                || expires == null) {
            throw error("Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, "
                    + "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
        }
        if (!SigV4Signing.ALGORITHM.equals(algorithm)) {
            throw error("X-Amz-Algorithm only supports \"" + SigV4Signing.ALGORITHM + "\"");
        }
        Instant signedAt = RequestTime.parseBasic(date);
        if (signedAt == null) {
            throw error("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
        }
        return new PresignedQuery(CredentialScope.parse(credential, REASON, CREDENTIAL_ERROR), date, signedAt,
                parseExpires(expires), SignedHeaderList.parse(signedHeaders, REASON, "Error parsing the "
                + "X-Amz-SignedHeaders parameter; "), signature);
    }

    private static long parseExpires(String expires) {
        long seconds;
        try {
            seconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw error("X-Amz-Expires should be a number");
        }
        if (seconds < 0) throw error("X-Amz-Expires must be non-negative");
        if (seconds == 0) throw error("X-Amz-Expires must be at least 1 second");
        if (seconds > MAX_EXPIRES_SECONDS) {
            throw error("X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        return seconds;
    }

    private static AuthException error(String message) {
        return new AuthException(REASON, message);
    }
}
