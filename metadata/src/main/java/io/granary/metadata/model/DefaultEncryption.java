package io.granary.metadata.model;

/**
 * A bucket's default server-side encryption (PutBucketEncryption): the algorithm new objects get when a
 * write names none ({@code AES256}), and the bucket-key flag as the client set it (echoed back; with SSE-S3 it
 * changes nothing).
 */
public record DefaultEncryption(String algorithm, boolean bucketKeyEnabled) {
}
