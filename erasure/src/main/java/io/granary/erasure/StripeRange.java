package io.granary.erasure;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of one stripe a byte range of the object needs: bytes {@code firstByte}..{@code lastByte}
 * (inclusive, counted from the stripe's first data byte) of stripe {@code stripe}, whose data chunks
 * are {@code chunkSize} bytes. A reader needs only the frames of data chunks
 * {@link #firstChunk()}..{@link #lastChunk()} unless one of them is missing or corrupt.
 */
public record StripeRange(long stripe, int chunkSize, int firstByte, int lastByte) {

    public StripeRange {
        if (stripe < 0 || chunkSize < 1 || firstByte < 0 || lastByte < firstByte) {
            throw new IllegalArgumentException("invalid stripe range: stripe " + stripe + ", chunk size "
                    + chunkSize + ", bytes " + firstByte + ".." + lastByte);
        }
    }

    /** Bytes of the object in this range. */
    public int length() {
        return lastByte - firstByte + 1;
    }

    /** Index of the first data chunk (= shard index) holding range bytes. */
    public int firstChunk() {
        return firstByte / chunkSize;
    }

    /** Index of the last data chunk (= shard index) holding range bytes. */
    public int lastChunk() {
        return lastByte / chunkSize;
    }

    /** Per data chunk, the bytes of its payload the range needs, in object order. */
    public List<ChunkRange> chunks() {
        List<ChunkRange> chunks = new ArrayList<>();
        for (int c = firstChunk(); c <= lastChunk(); c++) {
            int from = c == firstChunk() ? firstByte % chunkSize : 0;
            int to = c == lastChunk() ? lastByte % chunkSize + 1 : chunkSize;
            chunks.add(new ChunkRange(c, from, to - from));
        }
        return chunks;
    }
}
