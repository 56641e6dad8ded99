package io.granary.api.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A client's own key (SSE-C), held for one request and never stored. What is stored instead is a key check:
 * a random salt and the HMAC-SHA256 of it under the key, which recognises the key on later requests without
 * letting anyone recover it (an unsalted MD5, as the client sends, would let equal keys be spotted across
 * objects).
 *
 * @param md5 the base64 MD5 of the key, as the client sent it and as responses echo it
 */
public record CustomerKey(byte[] key, String md5) {
    private static final int SALT_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    public CustomerKey {
        key = key.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    /** A new key check for this key (salted, so two objects under one key have different checks). */
    public String newCheck() {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] check = Arrays.copyOf(salt, SALT_BYTES + 32);
        System.arraycopy(mac(salt), 0, check, SALT_BYTES, 32);
        return Base64.getEncoder().encodeToString(check);
    }

    /** Whether this is the key {@code check} ({@link #newCheck}) was made with. */
    public boolean matches(String check) {
        byte[] stored;
        try {
            stored = Base64.getDecoder().decode(check);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (stored.length != SALT_BYTES + 32) return false;
        return MessageDigest.isEqual(mac(Arrays.copyOf(stored, SALT_BYTES)),
                Arrays.copyOfRange(stored, SALT_BYTES, stored.length));
    }

    private byte[] mac(byte[] salt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update("granary sse-c key check v1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return mac.doFinal(salt);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CustomerKey that && MessageDigest.isEqual(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "CustomerKey[md5=" + md5 + "]";
    }
}
