package io.granary.datanode;

import io.granary.erasure.ChunkFrame;
import io.granary.erasure.CorruptChunkException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Where the frames of a committed shard lie. Writes enforce equal frames with at most one shorter final
 * frame ({@link FrameVerifier}), so the first header gives every boundary: frame i spans
 * {@code [i * frameSize, min((i + 1) * frameSize, shardLength))}. A first header that contradicts the file
 * length means the shard is corrupt as a whole.
 */
record FrameLayout(long shardLength, int frameSize) {

    /** Reads the first frame header of an open shard file. */
    static FrameLayout read(FileChannel channel, ShardId id) throws IOException {
        return read(channel, 0, channel.size(), id);
    }

    /** Reads the first frame header of a shard of {@code size} bytes stored at {@code base} in a channel. */
    static FrameLayout read(FileChannel channel, long base, long size, ShardId id) throws IOException {
        if (size == 0) return new FrameLayout(0, 0);
        ShardStoreException corrupt = new ShardStoreException(ShardStoreException.Kind.CORRUPT,
                "shard " + id + " bytes [0, " + size + "): first frame header does not fit the shard length");
        if (size < ChunkFrame.HEADER_SIZE) throw corrupt;
        ByteBuffer header = ByteBuffer.allocate(ChunkFrame.HEADER_SIZE);
        readFully(channel, header, base);
        int payload;
        try {
            payload = ChunkFrame.payloadLength(header.flip());
        } catch (CorruptChunkException e) {
            throw corrupt;
        }
        if (payload > FrameVerifier.MAX_PAYLOAD) throw corrupt;
        int frameSize = ChunkFrame.frameSize(payload);
        long tail = size % frameSize;
        if (tail != 0 && tail < ChunkFrame.HEADER_SIZE) throw corrupt;
        return new FrameLayout(size, frameSize);
    }

    /** Refuses a range that is out of bounds or does not start and end on frame boundaries. */
    void checkRange(ShardId id, long offset, long length) {
        long end = offset + length;
        boolean inBounds = offset >= 0 && length >= 0 && end >= offset && end <= shardLength;
        if (!inBounds || !isBoundary(offset) || !isBoundary(end)) {
            throw new ShardStoreException(ShardStoreException.Kind.INVALID_ARGUMENT, "range [" + offset + ", "
                    + end + ") of shard " + id + " (" + shardLength + " bytes, frames of " + frameSize
                    + ") is not a whole number of frames");
        }
    }

    /** End of the frame starting at {@code start}. */
    long frameEnd(long start) {
        return Math.min(start + frameSize, shardLength);
    }

    private boolean isBoundary(long position) {
        return position == shardLength || frameSize > 0 && position % frameSize == 0;
    }

    static void readFully(FileChannel channel, ByteBuffer dst, long position) throws IOException {
        long at = position;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, at);
            if (n < 0) throw new EOFException("shard file ended at byte " + at);
            at += n;
        }
    }
}
