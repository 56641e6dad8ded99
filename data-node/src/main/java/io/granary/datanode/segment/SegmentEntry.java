package io.granary.datanode.segment;

/**
 * Where a committed small shard lives: the record at {@code offset} of segment {@code segment}, whose
 * payload (the shard's frames) is {@code length} bytes long and follows the record header.
 */
public record SegmentEntry(long segment, long offset, long length, long committedMillis) {
    /** File position of the shard's first frame byte. */
    public long payloadOffset() {
        return offset + SegmentRecord.HEADER_SIZE;
    }

    long recordLength() {
        return SegmentRecord.HEADER_SIZE + length;
    }
}
