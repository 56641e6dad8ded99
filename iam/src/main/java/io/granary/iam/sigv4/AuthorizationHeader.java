package io.granary.iam.sigv4;

import java.util.List;
import java.util.Map;

/**
 * A parsed {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...} header.
 * Components may come in any order, separated by ',' with optional spaces; each must appear once.
 */
public record AuthorizationHeader(CredentialScope credential, List<String> signedHeaders, String signature) {
    static final String MALFORMED = "The authorization header is malformed; ";
    private static final AuthException.Reason REASON = AuthException.Reason.AUTHORIZATION_HEADER_MALFORMED;

    public static AuthorizationHeader parse(String header) {
        String value = header.strip();
        int space = value.indexOf(' ');
        String algorithm = space < 0 ? value : value.substring(0, space);
        if (!SigV4Signing.ALGORITHM.equals(algorithm)) throw unsupported(algorithm);
        if (space < 0) throw missingComponents();
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String component : value.substring(space + 1).split(",", -1)) {
            String part = component.strip();
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String text = eq < 0 ? null : part.substring(eq + 1);
            if (text == null || text.isEmpty()) throw malformedComponent(part);
            switch (name) {
                case "Credential" -> credential = once(credential, text, part);
                case "SignedHeaders" -> signedHeaders = once(signedHeaders, text, part);
                case "Signature" -> signature = once(signature, text, part);
                default -> throw malformedComponent(part);
            }
        }
        if (credential == null || signedHeaders == null || signature == null) throw missingComponents();
        return new AuthorizationHeader(CredentialScope.parse(credential, REASON, MALFORMED),
                SignedHeaderList.parse(signedHeaders, REASON, MALFORMED), signature);
    }

    private static AuthException missingComponents() {
        return new AuthException(REASON, MALFORMED + "the authorization header requires three components: "
                + "Credential, SignedHeaders, and Signature.");
    }

    private static String once(String previous, String text, String part) {
        if (previous != null) throw malformedComponent(part);
        return text;
    }

    private static AuthException malformedComponent(String part) {
        return new AuthException(REASON, MALFORMED + "the authorization component \"" + part + "\" is malformed.");
    }

    private static AuthException unsupported(String algorithm) {
        if ("AWS".equals(algorithm)) {
            return new AuthException(AuthException.Reason.INVALID_REQUEST, "The authorization mechanism you have "
                    + "provided is not supported. Please use AWS4-HMAC-SHA256.");
        }
        return new AuthException(AuthException.Reason.INVALID_ARGUMENT, "Unsupported Authorization Type",
                Map.of("ArgumentName", "Authorization", "ArgumentValue", algorithm));
    }
}
