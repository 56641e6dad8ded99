package io.granary.metadata.model;

/**
 * One shard to rebuild: shard {@code shardIndex} of {@code shardSetId}, expected on {@code node},
 * belonging to part {@code partNumber} of object {@code key} in {@code bucket}, or of the open
 * upload {@code uploadId} when that is not null.
 */
public record HealTask(String bucket, String key, String uploadId, int partNumber, String shardSetId,
                       int shardIndex, String node, HealReason reason, long enqueuedMillis) {
}
