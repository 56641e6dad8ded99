package io.granary.iam;

import io.granary.iam.policy.RequestPrincipal;
import java.time.Instant;

/**
 * Credentials from STS GetSessionToken or AssumeRole: an {@code ASIA...} key id, its secret, the
 * session token that must accompany every request signed with them, and their expiry.
 *
 * @param principal who requests signed with them act as: the caller itself, or the assumed role's session
 */
public record TemporaryCredentials(String accessKeyId, String secretAccessKey, String sessionToken,
        Instant expiration, RequestPrincipal principal) {

    /** Never prints the secret or the token. */
    @Override
    public String toString() {
        return "TemporaryCredentials[accessKeyId=" + accessKeyId + ", expiration=" + expiration + ", principal="
                + principal + "]";
    }
}
