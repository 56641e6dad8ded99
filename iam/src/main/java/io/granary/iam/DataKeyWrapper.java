package io.granary.iam;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.AEADBadTagException;

/**
 * Wraps the data keys of objects encrypted at rest under a key derived from a key-encryption key: the master
 * key (SSE-S3), a key of the key store (SSE-KMS) or the client's own key (SSE-C), so a stored object record
 * never holds a usable key and the data nodes never see one. A wrapped key is bound to its context (the shard
 * set it encrypts): copied onto another object's record, it does not unwrap. Thread-safe.
 */
public final class DataKeyWrapper implements DataKeys {
    private static final String PURPOSE = "granary object data keys v1";
    private static final int KEY_BYTES = 32;

    private final SecretCipher cipher;
    private final String keyName;

    DataKeyWrapper(SecretCipher kek, String keyName) {
        this(keyName, kek.derive(PURPOSE));
    }

    private DataKeyWrapper(String keyName, SecretCipher cipher) {
        this.cipher = cipher;
        this.keyName = keyName;
    }

    /** The key a wrapper under {@code kek} wraps with (what a master-key replacement carries over). */
    static byte[] wrappingKey(SecretCipher kek) {
        return kek.derive(PURPOSE).keyBytes();
    }

    /** Wraps with {@code wrappingKey} itself, as {@link #wrappingKey} gave it. */
    static DataKeyWrapper direct(byte[] wrappingKey, String keyName) {
        return new DataKeyWrapper(keyName, new SecretCipher(wrappingKey));
    }

    /** Wraps under {@code key} (32 bytes), named {@code keyName} in errors. */
    public static DataKeyWrapper under(byte[] key, String keyName) {
        return new DataKeyWrapper(new SecretCipher(key), keyName);
    }

    /** A fresh random 256-bit data key. */
    public static byte[] newDataKey() {
        return CredentialGenerator.randomBytes(KEY_BYTES);
    }

    /** {@code dataKey} sealed for {@code context}, as base64. */
    @Override
    public String wrap(byte[] dataKey, String context) {
        return Base64.getEncoder().encodeToString(cipher.seal(dataKey, context.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The data key {@link #wrap} sealed for {@code context}.
     *
     * @throws IamException SECRET_UNREADABLE under another master key, for another context, or damaged
     */
    @Override
    public byte[] unwrap(String wrapped, String context) {
        try {
            byte[] key = cipher.open(Base64.getDecoder().decode(wrapped), context.getBytes(StandardCharsets.UTF_8));
            if (key.length != KEY_BYTES) throw new IllegalArgumentException("a data key is 32 bytes");
            return key;
        } catch (AEADBadTagException e) {
            throw unreadable(context, "wrong " + keyName + " or a damaged record", e);
        } catch (IllegalArgumentException e) {
            throw unreadable(context, e.getMessage(), e);
        }
    }

    private static IamException unreadable(String context, String why, Throwable cause) {
        return new IamException(IamException.Reason.SECRET_UNREADABLE, "cannot unwrap the data key of " + context
                + ": " + why, cause);
    }
}
