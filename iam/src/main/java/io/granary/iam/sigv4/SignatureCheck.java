package io.granary.iam.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last step of request verification: string to sign, HMAC with the signing key, constant-time compare;
 * and the {@code SignatureDoesNotMatch} error with the details AWS includes so clients can debug.
 */
final class SignatureCheck {
    static final String MISMATCH = "The request signature we calculated does not match the signature you "
            + "provided. Check your key and signing method.";

    private SignatureCheck() {
    }

    static void verify(CanonicalRequest canonical, String timestamp, CredentialScope scope, byte[] signingKey,
                       String provided) {
        String stringToSign = canonical.stringToSign(timestamp, scope.scope());
        String expected = SigV4Signing.hex(SigV4Signing.hmacSha256(signingKey, stringToSign));
        if (!SigV4Signing.signatureMatches(expected, provided)) {
            throw mismatch(scope.accessKeyId(), stringToSign, provided, canonical.text());
        }
    }

    /** {@code canonicalRequest} is null for chunk and trailer signatures, which have none. */
    static AuthException mismatch(String accessKeyId, String stringToSign, String provided, String canonicalRequest) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("AWSAccessKeyId", accessKeyId);
        details.put("StringToSign", stringToSign);
        details.put("SignatureProvided", provided);
        details.put("StringToSignBytes", spacedHex(stringToSign));
        if (canonicalRequest != null) {
            details.put("CanonicalRequest", canonicalRequest);
            details.put("CanonicalRequestBytes", spacedHex(canonicalRequest));
        }
        return new AuthException(AuthException.Reason.SIGNATURE_DOES_NOT_MATCH, MISMATCH, details);
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
