package io.granary.datanode;

import io.granary.datanode.segment.SegmentStats;

/**
 * A node's capacity report: the file system's total and usable bytes, the space the node keeps back from new
 * shards ({@code reserveBytes}: deletes and compaction may still use it), the number and total length of
 * committed shards in both forms (counted at startup, then kept up to date by commits and deletes), and
 * the segment volume's figures ({@link SegmentStats#NONE} where a node does not report them).
 */
public record NodeHealth(long totalBytes, long freeBytes, long reserveBytes, long shardCount, long shardBytes,
                         SegmentStats segments) {
    public NodeHealth {
        if (segments == null) segments = SegmentStats.NONE;
    }

    public NodeHealth(long totalBytes, long freeBytes, long reserveBytes, long shardCount, long shardBytes) {
        this(totalBytes, freeBytes, reserveBytes, shardCount, shardBytes, SegmentStats.NONE);
    }

    public long usedBytes() {
        return totalBytes - freeBytes;
    }

    /** Whether the node takes no new shards: its free space is down to the reserve. */
    public boolean full() {
        return freeBytes <= reserveBytes;
    }
}
