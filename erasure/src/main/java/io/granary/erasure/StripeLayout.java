package io.granary.erasure;

import java.util.ArrayList;
import java.util.List;

/**
 * How an object's bytes map onto stripes, chunks and shard files. The object is cut into stripes
 * of {@code blockSize} data bytes (the last one shorter); stripe s is split into k data chunks of
 * {@code ceil(stripeLength / k)} bytes (zero-padded at the end) plus m parity chunks of that size;
 * shard i is chunk i of every stripe, each stored as a {@link ChunkFrame}, in stripe order. Every
 * stripe but the last is full, so stripe s's frame starts at {@code s × frameSize(fullChunkSize)}
 * in every shard file. An empty object has no stripes and empty shard files.
 */
public record StripeLayout(int dataShards, int parityShards, int blockSize) {
    /** Default data bytes per stripe. */
    public static final int DEFAULT_BLOCK_SIZE = 1 << 20;

    public StripeLayout {
        if (dataShards < 1 || parityShards < 1 || dataShards + parityShards > ReedSolomon.MAX_TOTAL_SHARDS) {
            throw new IllegalArgumentException("need 1 <= k, 1 <= m, k + m <= " + ReedSolomon.MAX_TOTAL_SHARDS
                    + ", got k=" + dataShards + " m=" + parityShards);
        }
        if (blockSize < 1 || blockSize > Integer.MAX_VALUE - ChunkFrame.HEADER_SIZE) {
            throw new IllegalArgumentException("block size out of range: " + blockSize);
        }
    }

    /** Granary's default: 4+2 with 1 MiB stripes. */
    public static StripeLayout defaults() {
        return new StripeLayout(ReedSolomon.DEFAULT_DATA_SHARDS, ReedSolomon.DEFAULT_PARITY_SHARDS,
                DEFAULT_BLOCK_SIZE);
    }

    public int totalShards() {
        return dataShards + parityShards;
    }

    /** Chunk size of a full stripe. */
    public int fullChunkSize() {
        return ceilDiv(blockSize, dataShards);
    }

    public long stripeCount(long objectLength) {
        requireLength(objectLength);
        return (objectLength + blockSize - 1) / blockSize;
    }

    /** Object bytes in stripe {@code stripe}. */
    public int stripeDataLength(long objectLength, long stripe) {
        requireStripe(objectLength, stripe);
        return (int) Math.min(blockSize, objectLength - stripe * blockSize);
    }

    /** Payload bytes of every chunk of stripe {@code stripe}. */
    public int chunkSize(long objectLength, long stripe) {
        return ceilDiv(stripeDataLength(objectLength, stripe), dataShards);
    }

    /** Offset of stripe {@code stripe}'s frame in each shard file. */
    public long frameOffset(long stripe) {
        if (stripe < 0) throw new IllegalArgumentException("negative stripe index: " + stripe);
        return stripe * ChunkFrame.frameSize(fullChunkSize());
    }

    /** Bytes of one framed chunk of stripe {@code stripe}. */
    public int frameLength(long objectLength, long stripe) {
        return ChunkFrame.frameSize(chunkSize(objectLength, stripe));
    }

    /** Length of every shard file of the object (all shards have the same length). */
    public long shardLength(long objectLength) {
        long stripes = stripeCount(objectLength);
        if (stripes == 0) return 0;
        return frameOffset(stripes - 1) + frameLength(objectLength, stripes - 1);
    }

    /**
     * The stripes holding object bytes {@code first}..{@code last} (inclusive), in order, each with the
     * part of its data the range covers.
     */
    public List<StripeRange> ranges(long objectLength, long first, long last) {
        requireLength(objectLength);
        if (first < 0 || last < first || last >= objectLength) {
            throw new IllegalArgumentException("byte range " + first + ".." + last + " is not inside an object of "
                    + objectLength + " bytes");
        }
        List<StripeRange> ranges = new ArrayList<>();
        for (long s = first / blockSize; s <= last / blockSize; s++) {
            long start = s * blockSize;
            int from = (int) (Math.max(first, start) - start);
            int to = (int) (Math.min(last, start + blockSize - 1) - start);
            ranges.add(new StripeRange(s, chunkSize(objectLength, s), from, to));
        }
        return ranges;
    }

    private void requireStripe(long objectLength, long stripe) {
        if (stripe < 0 || stripe >= stripeCount(objectLength)) {
            throw new IllegalArgumentException("stripe " + stripe + " does not exist in an object of "
                    + objectLength + " bytes (" + stripeCount(objectLength) + " stripes)");
        }
    }

    private static void requireLength(long objectLength) {
        if (objectLength < 0) throw new IllegalArgumentException("negative object length: " + objectLength);
    }

    private static int ceilDiv(int value, int divisor) {
        return (int) ((value + (long) divisor - 1) / divisor);
    }
}
