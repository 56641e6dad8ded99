package io.granary.iam.sigv4;

import java.util.Optional;

/**
 * Finds the secret of an access key. Implemented by the identity store; must be fast and thread-safe because
 * it runs on the request path (an in-memory view, not a disk read). Empty means unknown or disabled.
 */
@FunctionalInterface
public interface CredentialLookup {
    Optional<Credential> find(String accessKeyId);
}
