package io.granary.iam.sigv4;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which way a request claims to be authenticated. At most one mechanism is allowed: an Authorization header
 * (given once), SigV4 presigning parameters ({@code X-Amz-Algorithm}, ...) or SigV2 ones ({@code Signature},
 * {@code AWSAccessKeyId}); anything else is AWS's {@code InvalidArgument} "Only one auth mechanism allowed".
 */
public enum AuthMechanism {
    NONE, V4_HEADER, V4_QUERY, V2_HEADER, V2_QUERY;

    private static final String ONLY_ONE = "Only one auth mechanism allowed; only the X-Amz-Algorithm query "
            + "parameter, Signature query string parameter or the Authorization header should be specified";

    public boolean isSigV2() {
        return this == V2_HEADER || this == V2_QUERY;
    }

    public static AuthMechanism of(SignedRequest request) {
        return of(request.headers(), request.query());
    }

    /** @throws AuthException INVALID_ARGUMENT for two mechanisms at once or a repeated Authorization header */
    public static AuthMechanism of(HeaderMap headers, QueryParameters query) {
        List<String> authorization = headers.all("authorization");
        if (authorization.size() > 1) throw onlyOne("Authorization", authorization.get(1));
        boolean v4Query = PresignedQuery.isPresigned(query);
        boolean v2Query = query.contains("Signature") || query.contains("AWSAccessKeyId");
        if (!authorization.isEmpty()) {
            if (v4Query || v2Query) throw onlyOne("Authorization", authorization.get(0));
            return isV2Header(authorization.get(0)) ? V2_HEADER : V4_HEADER;
        }
        if (v4Query && v2Query) throw onlyOne("Signature", String.valueOf(query.first("Signature")));
        return v4Query ? V4_QUERY : v2Query ? V2_QUERY : NONE;
    }

    private static boolean isV2Header(String value) {
        String header = value.strip();
        return header.equals("AWS") || header.startsWith("AWS ");
    }

    private static AuthException onlyOne(String name, String value) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("ArgumentName", name);
        details.put("ArgumentValue", value);
        return new AuthException(AuthException.Reason.INVALID_ARGUMENT, ONLY_ONE, details);
    }
}
