package io.granary.metadata.model;

import java.util.List;

/**
 * A bucket. {@code id} is assigned once at creation and never reused, and prefixes every object
 * and upload key of the bucket, so a deleted and re-created bucket never sees old keys.
 * {@code ownerAccountId} is the account that created it, or null for buckets from before accounts
 * (format version 1), which belong to the first (system) account. {@code policy} is the bucket
 * policy JSON, or null when none is set; {@code cors} the CORS rules in order, or null when none are set.
 */
public record BucketRecord(String name, long id, String ownerAccountId, long createdMillis, String region,
        String policy, List<CorsRule> cors) {
    /**
     * Version 2 replaced v1's {@code owner} (always the single root's canonical id) by {@code ownerAccountId};
     * version 3 added {@code cors} (absent in v2, so a v2 record reads as a bucket without CORS).
     */
    public static final int FORMAT_VERSION = 3;

    public BucketRecord {
        cors = cors == null ? null : List.copyOf(cors);
    }

    /** A bucket without CORS rules. */
    public BucketRecord(String name, long id, String ownerAccountId, long createdMillis, String region,
            String policy) {
        this(name, id, ownerAccountId, createdMillis, region, policy, null);
    }

    /** This bucket with another policy (null removes it). */
    public BucketRecord withPolicy(String newPolicy) {
        return new BucketRecord(name, id, ownerAccountId, createdMillis, region, newPolicy, cors);
    }

    /** This bucket with other CORS rules (null removes them). */
    public BucketRecord withCors(List<CorsRule> rules) {
        return new BucketRecord(name, id, ownerAccountId, createdMillis, region, policy, rules);
    }
}
