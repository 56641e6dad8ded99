package io.granary.metadata.model;

/**
 * A bucket. {@code id} is assigned once at creation and never reused, and prefixes every object
 * and upload key of the bucket, so a deleted and re-created bucket never sees old keys.
 * {@code policy} is the bucket policy JSON, or null when none is set.
 */
public record BucketRecord(String name, long id, String owner, long createdMillis, String region, String policy) {

    /** This bucket with another policy (null removes it). */
    public BucketRecord withPolicy(String newPolicy) {
        return new BucketRecord(name, id, owner, createdMillis, region, newPolicy);
    }
}
