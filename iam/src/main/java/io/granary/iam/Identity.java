package io.granary.iam;

import io.granary.iam.policy.RequestPrincipal;

/**
 * What an access key id resolves to for request authentication: the secret to verify the
 * signature with, and the principal to authorise. Only active keys resolve.
 *
 * @param userId the owning user's id, {@code root} for the root credentials
 * @param userName the owning user's name, {@code root} for the root credentials
 */
public record Identity(String accessKeyId, String secretKey, String userId, String userName, boolean root) {
    static final String ROOT = "root";

    /** The principal policies are evaluated for. */
    public RequestPrincipal principal() {
        return root ? RequestPrincipal.ROOT : new RequestPrincipal.User(userId, userName);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "Identity[accessKeyId=" + accessKeyId + ", userId=" + userId + ", userName=" + userName
                + ", root=" + root + "]";
    }
}
