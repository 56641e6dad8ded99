package io.granary.iam.sigv4;

/**
 * The last step of request verification: string to sign, HMAC with the signing key, constant-time compare;
 * and the {@code SignatureDoesNotMatch} error with the details AWS includes so clients can debug.
 */
final class SignatureCheck {
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
        return AuthException.signatureMismatch(accessKeyId, stringToSign, provided, canonicalRequest);
    }
}
