package io.granary.iam.sigv4;

import java.util.Objects;

/**
 * An access key as the verifier needs it: the id, its secret, and an opaque principal id (the user the key
 * belongs to) that is passed through to the authorization step untouched.
 */
public record Credential(String accessKeyId, String secretKey, String principal) {
    public Credential {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(principal, "principal");
    }

    @Override
    public String toString() {
        return "Credential[accessKeyId=" + accessKeyId + ", principal=" + principal + "]";
    }
}
