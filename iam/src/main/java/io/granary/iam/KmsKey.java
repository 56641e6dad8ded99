package io.granary.iam;

/**
 * A key of the built-in key store (SSE-KMS): owned by one account, named by an alias, enabled or disabled, its
 * 256-bit material wrapped under the master key's data keys ({@code material}, {@link DataKeyring}) so the store
 * never holds it in clear. Jackson-serialisable with a format version.
 *
 * @param keyId a UUID, as AWS KMS key ids are
 * @param name  the alias without its {@code alias/} prefix
 */
public record KmsKey(int formatVersion, String accountId, String keyId, String name, String description,
        boolean enabled, long createdEpochMillis, String material) {
    public static final int FORMAT_VERSION = 1;

    /** The alias of each account's AWS managed key, used when a request asks for SSE-KMS without naming a key. */
    public static final String AWS_MANAGED = "aws/s3";

    /** {@code arn:aws:kms:REGION:ACCOUNT:key/ID}. */
    public String arn(String region) {
        return "arn:aws:kms:" + region + ":" + accountId + ":key/" + keyId;
    }

    /** Whether this is the account's AWS managed key, which is derived, never stored, and never disabled. */
    public boolean managed() {
        return material == null;
    }

    KmsKey withMaterial(String newMaterial) {
        return new KmsKey(formatVersion, accountId, keyId, name, description, enabled, createdEpochMillis,
                newMaterial);
    }

    KmsKey withEnabled(boolean newEnabled) {
        return new KmsKey(formatVersion, accountId, keyId, name, description, newEnabled, createdEpochMillis,
                material);
    }
}
