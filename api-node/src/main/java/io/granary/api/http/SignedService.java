package io.granary.api.http;

import java.util.Locale;

/**
 * Which protocol a request speaks, decided before S3 routing from the request line and headers only
 * (as Ceph RGW does): a POST whose SigV4 credential scope, in the {@code Authorization} header or a
 * presigned {@code X-Amz-Credential}, names service {@code iam} or {@code sts} goes to the IAM/STS
 * Query endpoint; an unsigned form POST to {@code /} is an STS call that needs no signature
 * (AssumeRoleWithWebIdentity and the like), which the Query endpoint refuses properly. Everything else
 * is S3. The path is never used to guess: {@code POST /} with a form body is not an S3 operation, and
 * S3's browser uploads are {@code multipart/form-data}.
 */
public enum SignedService {
    S3,
    IAM,
    STS,
    /** An unsigned Query-protocol POST. */
    UNSIGNED_QUERY;

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String CREDENTIAL = "Credential=";
    private static final String QUERY_CREDENTIAL = "X-Amz-Credential";
    private static final String QUERY_SIGV2_KEY = "AWSAccessKeyId";
    private static final String SIGV2_PREFIX = "AWS ";

    /**
     * @param query the request's parsed query
     * @param authorization the first {@code Authorization} header, or null
     * @param contentType the {@code Content-Type} header, or null
     */
    public static SignedService of(String method, String rawPath, Query query, String authorization,
            String contentType) {
        if (!"POST".equals(method)) return S3;
        String scope = authorization != null ? headerScope(authorization) : query.first(QUERY_CREDENTIAL);
        if (scope != null) {
            return switch (service(scope)) {
                case "iam" -> IAM;
                case "sts" -> STS;
                default -> S3;
            };
        }
        boolean unsigned = authorization == null && query.first("Signature") == null
                && query.first("X-Amz-Signature") == null;
        boolean form = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(FORM);
        return unsigned && form && "/".equals(rawPath) ? UNSIGNED_QUERY : S3;
    }

    /**
     * The access key a request names, unverified, for counting what each key holds in flight: from a SigV4
     * credential scope (header or presigned), a SigV2 {@code Authorization: AWS KEY:SIG} or presigned
     * {@code AWSAccessKeyId}, or "" for none.
     */
    public static String accessKey(Query query, String authorization) {
        if (authorization != null && authorization.startsWith(SIGV2_PREFIX)) {
            int colon = authorization.indexOf(':');
            return colon < 0 ? "" : authorization.substring(SIGV2_PREFIX.length(), colon);
        }
        String sigV2Key = query.first(QUERY_SIGV2_KEY);
        if (authorization == null && sigV2Key != null) return sigV2Key;
        String scope = authorization != null ? headerScope(authorization) : query.first(QUERY_CREDENTIAL);
        if (scope == null) return "";
        int slash = scope.indexOf('/');
        return slash < 0 ? scope : scope.substring(0, slash);
    }

    private static String headerScope(String authorization) {
        if (!authorization.startsWith("AWS4-")) return null;
        int start = authorization.indexOf(CREDENTIAL);
        if (start < 0) return null;
        start += CREDENTIAL.length();
        int end = start;
        while (end < authorization.length() && authorization.charAt(end) != ','
                && !Character.isWhitespace(authorization.charAt(end))) {
            end++;
        }
        return authorization.substring(start, end);
    }

    /** {@code AKID/DATE/REGION/SERVICE/aws4_request}: the part before the terminator, or "" if malformed. */
    private static String service(String scope) {
        String[] parts = scope.split("/", -1);
        return parts.length >= 5 && "aws4_request".equals(parts[parts.length - 1]) ? parts[parts.length - 2] : "";
    }
}
