package io.granary.iam;

/**
 * Where SSE-KMS data keys are wrapped: the data path asks for a key by reference, wraps a fresh data key
 * under it, and later unwraps it; it never sees key material. The built-in store ({@link BuiltInKeyStore})
 * keeps keys in the metadata database; an external KMS (Vault Transit, AWS KMS) implements the same three
 * calls. Thread-safe.
 */
public interface KeyStore {

    /**
     * The ARN of the enabled key {@code keyRef} names for a request of account {@code accountId}: a key id,
     * {@code alias/NAME}, or a key or alias ARN; null names the account's AWS managed key ({@code aws/s3}).
     *
     * @throws KmsException when there is no such key, it is disabled, or it is another account's
     */
    String enabledKey(String accountId, String keyRef);

    /** {@code dataKey} wrapped under key {@code keyArn}, bound to {@code context}, as base64. */
    String wrap(String keyArn, byte[] dataKey, String context);

    /**
     * The data key {@link #wrap} wrapped.
     *
     * @throws KmsException DISABLED when the key is disabled, NOT_FOUND when it is gone
     * @throws IamException SECRET_UNREADABLE for another context or a damaged record
     */
    byte[] unwrap(String keyArn, String wrapped, String context);
}
