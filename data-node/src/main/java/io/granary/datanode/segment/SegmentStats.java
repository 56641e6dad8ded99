package io.granary.datanode.segment;

/**
 * The segment volume as {@code admin status} shows it: segment files, record bytes still referenced
 * (live) and not (dead: deleted shards, tombstones, skipped corrupt records), whether compaction is
 * running, bytes it has copied since start, legacy file shards it has migrated, and bytes of torn tail
 * truncated by the last recovery.
 */
public record SegmentStats(long segments, long liveBytes, long deadBytes, boolean compacting, long compactedBytes,
                           long migratedShards, long truncatedTailBytes) {
    public static final SegmentStats NONE = new SegmentStats(0, 0, 0, false, 0, 0, 0);
}
