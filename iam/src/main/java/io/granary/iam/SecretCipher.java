package io.granary.iam;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts access-key secrets at rest with AES-256-GCM under the master key. The envelope is
 * {@code base64(version 1 || 12-byte random nonce || ciphertext || 16-byte tag)}; the access key id
 * is the associated data, so a secret copied onto another key's record fails to decrypt. The
 * master key comes from {@code GRANARY_MASTER_KEY} (base64 of 32 bytes) or from
 * {@code <data-dir>/master-key}, generated mode 0600 on first start. Thread-safe.
 */
public final class SecretCipher {
    public static final String MASTER_KEY_ENV = "GRANARY_MASTER_KEY";
    public static final String MASTER_KEY_FILE = "master-key";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte VERSION = 1;

    private final SecretKeySpec key;

    public SecretCipher(byte[] masterKey) {
        if (masterKey.length != KEY_BYTES) {
            throw new IamException(IamException.Reason.CONFIGURATION,
                    "the master key must be 32 bytes, got " + masterKey.length);
        }
        this.key = new SecretKeySpec(masterKey, "AES");
    }

    /** The cipher under the environment's master key, or the data directory's (created if absent). */
    public static SecretCipher load(Path dataDir, Map<String, String> env) {
        String fromEnv = env.get(MASTER_KEY_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new SecretCipher(decodeKey(fromEnv, MASTER_KEY_ENV));
        }
        Path file = dataDir.resolve(MASTER_KEY_FILE);
        try {
            if (Files.exists(file)) {
                String text = new String(PrivateFiles.read(file), StandardCharsets.US_ASCII).strip();
                return new SecretCipher(decodeKey(text, file.toString()));
            }
            byte[] generated = CredentialGenerator.randomBytes(KEY_BYTES);
            String encoded = Base64.getEncoder().encodeToString(generated) + "\n";
            PrivateFiles.write(file, encoded.getBytes(StandardCharsets.US_ASCII));
            return new SecretCipher(generated);
        } catch (IOException e) {
            throw new IamException(IamException.Reason.CONFIGURATION, "cannot read or create " + file, e);
        }
    }

    public String encrypt(String secret, String accessKeyId) {
        byte[] nonce = CredentialGenerator.randomBytes(NONCE_BYTES);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, accessKeyId);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            ByteBuffer envelope = ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length);
            envelope.put(VERSION).put(nonce).put(sealed);
            return Base64.getEncoder().encodeToString(envelope.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        }
    }

    /**
     * @throws IamException SECRET_UNREADABLE when the envelope is damaged, of an unknown version, or
     *     was sealed under another master key or for another access key
     */
    public String decrypt(String envelope, String accessKeyId) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(envelope);
        } catch (IllegalArgumentException e) {
            throw unreadable(accessKeyId, "the stored value is not base64", e);
        }
        if (bytes.length < 1 + NONCE_BYTES + TAG_BITS / 8 || bytes[0] != VERSION) {
            throw unreadable(accessKeyId, "the stored value is truncated or of an unknown version", null);
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(bytes, 1, 1 + NONCE_BYTES),
                    accessKeyId);
            byte[] plain = cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw unreadable(accessKeyId, "wrong master key (" + MASTER_KEY_ENV + " or " + MASTER_KEY_FILE
                    + ") or a damaged record", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String accessKeyId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(accessKeyId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static byte[] decodeKey(String base64, String source) {
        try {
            byte[] key = Base64.getDecoder().decode(base64.strip());
            if (key.length == KEY_BYTES) return key;
        } catch (IllegalArgumentException e) {
            // reported below with the expected format
        }
        throw new IamException(IamException.Reason.CONFIGURATION,
                source + " must hold the base64 encoding of exactly 32 bytes (e.g. `openssl rand -base64 32`)");
    }

    private static IamException unreadable(String accessKeyId, String why, Throwable cause) {
        return new IamException(IamException.Reason.SECRET_UNREADABLE,
                "cannot decrypt the secret of access key " + accessKeyId + ": " + why, cause);
    }
}
