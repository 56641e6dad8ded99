package io.granary.metadata.model;

/**
 * A bucket's default server-side encryption (PutBucketEncryption): the algorithm new objects get when a
 * write names none ({@code AES256} or {@code aws:kms}), the KMS key for {@code aws:kms} (as the client named it,
 * resolved on each write; null for the account's AWS managed key), and the bucket-key flag as the client set it.
 */
public record DefaultEncryption(String algorithm, String kmsKeyId, boolean bucketKeyEnabled) {
}
