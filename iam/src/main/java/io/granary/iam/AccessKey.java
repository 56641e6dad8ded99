package io.granary.iam;

/**
 * An access key as stored through {@link IdentityStore}: the secret is held only encrypted
 * ({@link SecretCipher}), bound to the key id, so a stored record never reveals it.
 * Jackson-serialisable with a format version (v1 records had no account and no expiry; they belong
 * to the system account and never expire).
 *
 * @param accessKeyId 20 characters, {@code GK} + 18 upper-case letters and digits
 * @param userId the owning {@link User}, or null for an account's root key
 * @param encryptedSecret base64 of the AES-GCM envelope produced by {@link SecretCipher}
 * @param expiresEpochMillis 0 for never; a rotated-out root key stops working at this instant
 */
public record AccessKey(int formatVersion, String accessKeyId, String accountId, String userId,
        String encryptedSecret, Status status, long createdEpochMillis, long expiresEpochMillis) {
    public static final int FORMAT_VERSION = 2;

    /** Whether the key may authenticate requests (IAM's Active/Inactive). */
    public enum Status { ACTIVE, INACTIVE }

    AccessKey withStatus(Status newStatus) {
        return new AccessKey(formatVersion, accessKeyId, accountId, userId, encryptedSecret, newStatus,
                createdEpochMillis, expiresEpochMillis);
    }

    AccessKey expiringAt(long epochMillis) {
        return new AccessKey(formatVersion, accessKeyId, accountId, userId, encryptedSecret, status,
                createdEpochMillis, epochMillis);
    }

    AccessKey withEncryptedSecret(String sealed) {
        return new AccessKey(formatVersion, accessKeyId, accountId, userId, sealed, status, createdEpochMillis,
                expiresEpochMillis);
    }

    boolean isRootKey() {
        return userId == null;
    }

    /** Whether the key has an expiry and it has passed at {@code nowMillis}. */
    boolean expiredAt(long nowMillis) {
        return expiresEpochMillis != 0 && nowMillis >= expiresEpochMillis;
    }
}
