package io.granary.datanode;

/**
 * A node's capacity report: the file system's total and usable bytes, and the number and total length of
 * committed shards (counted at startup, then kept up to date by commits and deletes).
 */
public record NodeHealth(long totalBytes, long freeBytes, long shardCount, long shardBytes) {
    public long usedBytes() {
        return totalBytes - freeBytes;
    }
}
