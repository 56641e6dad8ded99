package io.granary.iam.sigv4;

import io.granary.iam.sigv2.SigV2Verifier;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies the signature of a browser-based POST upload: the form's policy document (as sent, base64) is the
 * string to sign. Signature V4 form fields ({@code x-amz-algorithm}, {@code x-amz-credential},
 * {@code x-amz-date}, {@code x-amz-signature}) sign it with the derived signing key as hex HMAC-SHA256;
 * Signature V2 fields ({@code AWSAccessKeyId}, {@code signature}) as base64 HMAC-SHA1 of the secret. The policy's
 * own expiration bounds the request's life, so there is no clock-skew check (as on S3). Field names are
 * looked up lower-case. Thread-safe; never blocks (the credential lookup must not either).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-authentication-HTTPPOST.html">SigV4 POST</a>
 */
public final class PostPolicySignature {
    private static final String ALGORITHM = "x-amz-algorithm";
    private static final String CREDENTIAL = "x-amz-credential";
    private static final String DATE = "x-amz-date";
    private static final String SIGNATURE = "x-amz-signature";
    private static final String V2_KEY = "awsaccesskeyid";
    private static final String V2_SIGNATURE = "signature";

    private final CredentialLookup credentials;
    private final SigningKeyCache signingKeys;

    public PostPolicySignature(CredentialLookup credentials, SigningKeyCache signingKeys) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.signingKeys = Objects.requireNonNull(signingKeys, "signingKeys");
    }

    /** Whether the form carries any signature field at all (else it is an anonymous upload). */
    public static boolean isSigned(Map<String, String> fields) {
        return fields.containsKey(SIGNATURE) || fields.containsKey(CREDENTIAL) || fields.containsKey(ALGORITHM)
                || fields.containsKey(V2_KEY) || fields.containsKey(V2_SIGNATURE);
    }

    /**
     * Verifies a signed form.
     *
     * @param fields the form fields before the file, names lower-case
     * @param policy the {@code policy} field exactly as sent (base64)
     * @param sigV2  whether Signature V2 is accepted
     * @throws AuthException with the reason S3 answers with
     */
    public AuthResult verify(Map<String, String> fields, String policy, boolean sigV2) {
        if (fields.containsKey(V2_KEY) && !fields.containsKey(CREDENTIAL)) {
            if (!sigV2) throw new AuthException(AuthException.Reason.INVALID_REQUEST,
                    "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
            return verifyV2(fields, policy);
        }
        return verifyV4(fields, policy);
    }

    private AuthResult verifyV4(Map<String, String> fields, String policy) {
        String algorithm = required(fields, ALGORITHM);
        String credential = required(fields, CREDENTIAL);
        String date = required(fields, DATE);
        String signature = required(fields, SIGNATURE);
        if (!SigV4Signing.ALGORITHM.equals(algorithm)) {
            throw new AuthException(AuthException.Reason.INVALID_ARGUMENT, "Invalid algorithm: " + algorithm
                    + ". Supported algorithms are: AWS4-HMAC-SHA256.", argument(ALGORITHM, algorithm));
        }
        CredentialScope scope = CredentialScope.parse(credential, AuthException.Reason.INVALID_ARGUMENT,
                "Error parsing the X-Amz-Credential parameter; ");
        if (!"s3".equals(scope.service())) {
            throw new AuthException(AuthException.Reason.INVALID_ARGUMENT, "Error parsing the X-Amz-Credential "
                    + "parameter; incorrect service \"" + scope.service() + "\". This endpoint belongs to \"s3\".");
        }
        Credential found = find(scope.accessKeyId());
        byte[] key = signingKeys.signingKey(found, scope);
        String expected = SigV4Signing.hex(SigV4Signing.hmacSha256(key, policy));
        if (!SigV4Signing.signatureMatches(expected, signature)) {
            throw AuthException.signatureMismatch(scope.accessKeyId(), policy, signature, null);
        }
        return new AuthResult.Authenticated(found.principal(), found.accessKeyId(), scope, date, key, signature,
                new PayloadMode.Unsigned(), false);
    }

    private AuthResult verifyV2(Map<String, String> fields, String policy) {
        String accessKeyId = fields.get(V2_KEY);
        String signature = required(fields, V2_SIGNATURE);
        Credential found = find(accessKeyId);
        String expected = SigV2Verifier.sign(found.secretKey(), policy);
        if (!SigV4Signing.constantTimeEquals(expected.getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8))) {
            throw AuthException.signatureMismatch(accessKeyId, policy, signature, null);
        }
        return new AuthResult.SignedV2(found.principal(), found.accessKeyId(), new PayloadMode.Unsigned(), false);
    }

    private Credential find(String accessKeyId) {
        return credentials.find(accessKeyId).orElseThrow(() -> new AuthException(
                AuthException.Reason.INVALID_ACCESS_KEY_ID, "The AWS Access Key Id you provided does not exist in "
                + "our records.", Map.of("AWSAccessKeyId", accessKeyId)));
    }

    /** S3's answer to a form missing one of the signature fields. */
    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new AuthException(AuthException.Reason.INVALID_ARGUMENT, "Bucket POST must contain a field named '"
                    + name + "'.  If it is specified, please check the order of the fields.", argument(name, ""));
        }
        return value;
    }

    private static Map<String, String> argument(String name, String value) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("ArgumentName", name);
        details.put("ArgumentValue", value);
        return details;
    }
}
