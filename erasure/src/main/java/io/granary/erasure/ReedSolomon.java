package io.granary.erasure;

import java.nio.ByteBuffer;

/**
 * A systematic Reed–Solomon codec over GF(2^8) (polynomial 0x11d, Vandermonde matrix) with k data
 * and m parity shards, byte-compatible with Backblaze JavaReedSolomon and klauspost/reedsolomon.
 * Shards are indexed 0..k+m-1, data first. Every method checks its arguments and throws
 * {@link IllegalArgumentException} (or its subclass {@link ShardSizeMismatchException}) naming
 * the problem, never producing silently wrong output. Implementations are immutable and
 * thread-safe; callers must not modify a shard while a call uses it.
 *
 * <p>{@code ByteBuffer} shards may be heap or direct; each shard is its bytes from position to
 * limit, and no call moves a position or limit. {@code byte[]} shards are used whole unless an
 * offset and length are given.
 */
public interface ReedSolomon {
    /** Data shards of Granary's default layout. */
    int DEFAULT_DATA_SHARDS = 4;
    /** Parity shards of Granary's default layout. */
    int DEFAULT_PARITY_SHARDS = 2;
    /** Upper bound on k + m in GF(2^8). */
    int MAX_TOTAL_SHARDS = 256;

    /** The default 4+2 codec. */
    static ReedSolomon create() {
        return create(DEFAULT_DATA_SHARDS, DEFAULT_PARITY_SHARDS);
    }

    /**
     * A codec for k data and m parity shards (k ≥ 1, m ≥ 1, k + m ≤ 256), SIMD when the
     * {@code jdk.incubator.vector} module is present, scalar otherwise; the system property
     * {@code granary.erasure.impl=scalar|vector} forces one.
     */
    static ReedSolomon create(int dataShards, int parityShards) {
        return CodecSelection.create(dataShards, parityShards);
    }

    int dataShards();

    int parityShards();

    default int totalShards() {
        return dataShards() + parityShards();
    }

    /** "vector" or "scalar". */
    String implementation();

    /** Computes the m parity arrays from the k data arrays; all k+m arrays have the same length. */
    void encode(byte[][] shards);

    /** As {@link #encode(byte[][])} over bytes [offset, offset+length) of every shard. */
    void encode(byte[][] shards, int offset, int length);

    /** Computes parity shards k..k+m-1 of {@code shards} from data shards 0..k-1. */
    void encode(ByteBuffer[] shards);

    /** Computes the m {@code parity} buffers from the k {@code data} buffers. */
    void encode(ByteBuffer[] data, ByteBuffer[] parity);

    /** True when the parity shards match the data shards. */
    boolean verify(byte[][] shards);

    /** True when the parity shards match the data shards. */
    boolean verify(ByteBuffer[] shards);

    /**
     * Rebuilds every missing shard; {@code null} entries are missing and are replaced by new arrays.
     *
     * @throws TooFewShardsException if fewer than k shards are present
     */
    void reconstruct(byte[][] shards) throws TooFewShardsException;

    /** As {@link #reconstruct(byte[][])} but rebuilds only missing data shards (null parity stays null). */
    void reconstructData(byte[][] shards) throws TooFewShardsException;

    /**
     * Rebuilds the shards whose {@code present} flag is false into their buffers (which must be
     * writable and as large as the others); present shards are only read.
     *
     * @throws TooFewShardsException if fewer than k shards are present
     */
    void reconstruct(ByteBuffer[] shards, boolean[] present) throws TooFewShardsException;

    /** As {@link #reconstruct(ByteBuffer[], boolean[])} but rebuilds only missing data shards. */
    void reconstructData(ByteBuffer[] shards, boolean[] present) throws TooFewShardsException;
}
