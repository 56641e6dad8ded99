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
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts access-key secrets at rest with AES-256-GCM under the master key. The envelope is
 * {@code base64(version 1 || 12-byte random nonce || ciphertext || 16-byte tag)}; the access key id
 * is the associated data, so a secret copied onto another key's record fails to decrypt. The
 * master key comes from {@code GRANARY_MASTER_KEY} (base64 of 32 bytes) or from
 * {@code <data-dir>/master-key}, generated mode 0600 on first start. Keys for other purposes (the
 * sealing of STS session tokens) are derived from it with {@link #derive}. Thread-safe.
 */
public final class SecretCipher {
    public static final String MASTER_KEY_ENV = "GRANARY_MASTER_KEY";
    public static final String MASTER_KEY_FILE = "master-key";
    /** The master key being replaced (base64 of 32 bytes), read only while the store is re-sealed. */
    public static final String PREVIOUS_MASTER_KEY_ENV = "GRANARY_PREVIOUS_MASTER_KEY";
    public static final String PREVIOUS_MASTER_KEY_FILE = "master-key.previous";
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

    /** The master key being replaced, from the environment or {@code <data-dir>/master-key.previous}, if given. */
    public static Optional<SecretCipher> loadPrevious(Path dataDir, Map<String, String> env) {
        String fromEnv = env.get(PREVIOUS_MASTER_KEY_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(new SecretCipher(decodeKey(fromEnv, PREVIOUS_MASTER_KEY_ENV)));
        }
        Path file = dataDir.resolve(PREVIOUS_MASTER_KEY_FILE);
        if (!Files.exists(file)) return Optional.empty();
        try {
            String text = new String(PrivateFiles.read(file), StandardCharsets.US_ASCII).strip();
            return Optional.of(new SecretCipher(decodeKey(text, file.toString())));
        } catch (IOException e) {
            throw new IamException(IamException.Reason.CONFIGURATION, "cannot read " + file, e);
        }
    }

    /** Deletes {@code <data-dir>/master-key.previous}, once nothing is sealed under it any more. */
    static void removePreviousFile(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(PREVIOUS_MASTER_KEY_FILE));
        } catch (IOException e) {
            throw new IamException(IamException.Reason.CONFIGURATION, "cannot delete "
                    + dataDir.resolve(PREVIOUS_MASTER_KEY_FILE) + " (no longer needed: delete it by hand)", e);
        }
    }

    public String encrypt(String secret, String accessKeyId) {
        return Base64.getEncoder().encodeToString(seal(secret.getBytes(StandardCharsets.UTF_8),
                accessKeyId.getBytes(StandardCharsets.UTF_8)));
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
        try {
            return new String(open(bytes, accessKeyId.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw unreadable(accessKeyId, "wrong master key (" + MASTER_KEY_ENV + " or " + MASTER_KEY_FILE
                    + ") or a damaged record", e);
        } catch (IllegalArgumentException e) {
            throw unreadable(accessKeyId, e.getMessage(), e);
        }
    }

    /** {@code version 1 || nonce || AES-GCM(plain)}, authenticated together with {@code associatedData}. */
    byte[] seal(byte[] plain, byte[] associatedData) {
        byte[] nonce = CredentialGenerator.randomBytes(NONCE_BYTES);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, associatedData).doFinal(plain);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        }
    }

    /**
     * Opens what {@link #seal} produced.
     *
     * @throws AEADBadTagException if it was sealed under another key or with other associated data, or altered
     * @throws IllegalArgumentException if it is truncated or of an unknown version
     */
    byte[] open(byte[] envelope, byte[] associatedData) throws AEADBadTagException {
        if (envelope.length < 1 + NONCE_BYTES + TAG_BITS / 8 || envelope[0] != VERSION) {
            throw new IllegalArgumentException("the sealed value is truncated or of an unknown version");
        }
        try {
            return cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(envelope, 1, 1 + NONCE_BYTES), associatedData)
                    .doFinal(envelope, 1 + NONCE_BYTES, envelope.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        }
    }

    /**
     * A cipher under a key derived from this one for one purpose (HMAC-SHA256 of the purpose under the
     * master key), so that what one purpose seals cannot be opened as another's.
     */
    SecretCipher derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return new SecretCipher(mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /** The raw key, for deriving keys of other kinds (HMAC keys, the AWS managed KMS keys). */
    byte[] keyBytes() {
        return key.getEncoded();
    }

    private Cipher cipher(int mode, byte[] nonce, byte[] associatedData) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData);
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
