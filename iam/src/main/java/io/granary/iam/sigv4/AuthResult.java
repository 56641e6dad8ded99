package io.granary.iam.sigv4;

/**
 * The outcome of {@link SigV4Verifier#authenticate} (or of the Signature V2 verifier): either a request with no
 * credentials at all (the policy decides whether anonymous access is allowed) or one whose signature was
 * verified. Each says how the body must be processed next ({@link PayloadDecoder#forRequest}).
 */
public sealed interface AuthResult {
    PayloadMode payloadMode();

    /** No Authorization header and no presigning parameters. */
    record Anonymous(PayloadMode payloadMode) implements AuthResult {
    }

    /**
     * A verified signature. {@code timestamp} is the request time as signed ({@code yyyyMMdd'T'HHmmss'Z'}),
     * {@code signature} the request's signature (the seed of a chunk signature chain), {@code signingKey} the
     * derived key (a fresh copy on each call; never log it).
     */
    record Authenticated(String principal, String accessKeyId, CredentialScope scope, String timestamp,
                         byte[] signingKey, String signature, PayloadMode payloadMode, boolean presigned)
            implements AuthResult {
        public Authenticated {
            signingKey = signingKey.clone();
        }

        @Override
        public byte[] signingKey() {
            return signingKey.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Authenticated a && principal.equals(a.principal) && accessKeyId.equals(a.accessKeyId)
                    && scope.equals(a.scope) && timestamp.equals(a.timestamp) && signature.equals(a.signature)
                    && payloadMode.equals(a.payloadMode) && presigned == a.presigned;
        }

        @Override
        public int hashCode() {
            return signature.hashCode();
        }

        @Override
        public String toString() {
            return "Authenticated[principal=" + principal + ", accessKeyId=" + accessKeyId + ", scope=" + scope
                    + ", timestamp=" + timestamp + ", payloadMode=" + payloadMode + ", presigned=" + presigned + "]";
        }
    }

    /**
     * A verified Signature V2 (HMAC-SHA1) request, header or presigned. The body is not covered by the signature;
     * it is checked only as an unsigned request's would be (Content-MD5, a literal x-amz-content-sha256).
     */
    record SignedV2(String principal, String accessKeyId, PayloadMode payloadMode, boolean presigned)
            implements AuthResult {
    }
}
