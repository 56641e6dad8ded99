package io.granary.datanode;

import java.time.Instant;

/** A committed shard: its id, length in bytes (frames included) and when it was committed (file mtime). */
public record ShardInfo(ShardId id, long length, Instant committedAt) {
}
