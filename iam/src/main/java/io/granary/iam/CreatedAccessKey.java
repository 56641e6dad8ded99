package io.granary.iam;

/**
 * A newly created access key with its secret, the only time the secret is returned.
 *
 * @param userName the owning user, or null for an account's root key
 */
public record CreatedAccessKey(String accessKeyId, String secretKey, String accountId, String userName) {

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "CreatedAccessKey[accessKeyId=" + accessKeyId + ", accountId=" + accountId + ", userName=" + userName
                + "]";
    }
}
