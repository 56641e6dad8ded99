package io.granary.iam;

import io.granary.iam.policy.Policy;
import io.granary.iam.policy.RequestPrincipal;
import java.time.Instant;

/**
 * What an access key id (and, for temporary credentials, its session token) resolves to for request
 * authentication: the secret to verify the signature with and the principal to authorise. Only
 * usable keys resolve.
 *
 * @param sessionPolicy the session policy of temporary credentials, intersecting the principal's
 *     identity policies; null when there is none
 * @param expiration when temporary credentials expire; null for long-term keys
 */
public record Identity(String accessKeyId, String secretKey, RequestPrincipal principal, Policy sessionPolicy,
        Instant expiration) {

    /** A long-term key's identity. */
    static Identity longTerm(String accessKeyId, String secretKey, RequestPrincipal principal) {
        return new Identity(accessKeyId, secretKey, principal, null, null);
    }

    /** Whether these are temporary (STS) credentials. */
    public boolean temporary() {
        return expiration != null;
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "Identity[accessKeyId=" + accessKeyId + ", principal=" + principal + ", expiration=" + expiration + "]";
    }
}
