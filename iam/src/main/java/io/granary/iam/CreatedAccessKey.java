package io.granary.iam;

/** A newly created access key with its secret, the only time the secret is returned. */
public record CreatedAccessKey(String accessKeyId, String secretKey, String userName) {

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "CreatedAccessKey[accessKeyId=" + accessKeyId + ", userName=" + userName + "]";
    }
}
