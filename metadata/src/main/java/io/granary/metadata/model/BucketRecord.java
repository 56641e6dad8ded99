package io.granary.metadata.model;

/**
 * A bucket. {@code id} is assigned once at creation and never reused, and prefixes every object
 * and upload key of the bucket, so a deleted and re-created bucket never sees old keys.
 * {@code ownerAccountId} is the account that created it, or null for buckets from before accounts
 * (format version 1), which belong to the first (system) account. {@code policy} is the bucket
 * policy JSON, or null when none is set.
 */
public record BucketRecord(String name, long id, String ownerAccountId, long createdMillis, String region,
        String policy) {
    /** Version 2 replaced v1's {@code owner} (always the single root's canonical id) by {@code ownerAccountId}. */
    public static final int FORMAT_VERSION = 2;

    /** This bucket with another policy (null removes it). */
    public BucketRecord withPolicy(String newPolicy) {
        return new BucketRecord(name, id, ownerAccountId, createdMillis, region, newPolicy);
    }
}
