package io.granary.metadata.model;

/**
 * Who references a shard set: part {@code partNumber} of the current object {@code key} in the
 * bucket with id {@code bucketId}, or of the open upload {@code uploadId} when that is not null.
 */
public record ShardOwner(long bucketId, String key, String uploadId, int partNumber) {
}
