package io.granary.datanode;

import io.granary.datanode.segment.SegmentStats;

/**
 * A node's capacity report: the file system's total and usable bytes, the number and total length of
 * committed shards in both forms (counted at startup, then kept up to date by commits and deletes), and
 * the segment volume's figures ({@link SegmentStats#NONE} where a node does not report them).
 */
public record NodeHealth(long totalBytes, long freeBytes, long shardCount, long shardBytes, SegmentStats segments) {
    public NodeHealth {
        if (segments == null) segments = SegmentStats.NONE;
    }

    public NodeHealth(long totalBytes, long freeBytes, long shardCount, long shardBytes) {
        this(totalBytes, freeBytes, shardCount, shardBytes, SegmentStats.NONE);
    }

    public long usedBytes() {
        return totalBytes - freeBytes;
    }
}
