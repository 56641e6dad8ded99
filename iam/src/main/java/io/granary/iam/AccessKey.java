package io.granary.iam;

/**
 * An access key as stored through {@link IdentityStore}: the secret is held only encrypted
 * ({@link SecretCipher}), bound to the key id, so a stored record never reveals it.
 * Jackson-serialisable with a format version.
 *
 * @param accessKeyId 20 characters, {@code GK} + 18 upper-case letters and digits
 * @param userId the owning {@link User}
 * @param encryptedSecret base64 of the AES-GCM envelope produced by {@link SecretCipher}
 */
public record AccessKey(int formatVersion, String accessKeyId, String userId, String encryptedSecret,
        Status status, long createdEpochMillis) {
    public static final int FORMAT_VERSION = 1;

    /** Whether the key may authenticate requests (IAM's Active/Inactive). */
    public enum Status { ACTIVE, INACTIVE }

    AccessKey withStatus(Status newStatus) {
        return new AccessKey(formatVersion, accessKeyId, userId, encryptedSecret, newStatus, createdEpochMillis);
    }
}
