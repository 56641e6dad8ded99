package io.granary.erasure;

/**
 * Multiplies a fixed GF(2^8) matrix (one row per output shard, one column per input shard) by
 * shard bytes: {@code out[o][outOffset[o] + i] = XOR over j of rows[o][j]·in[j][inOffset[j] + i]}
 * for i in [0, length). The codec prepares one per matrix (encoding, or a cached decoding
 * matrix), so per-coefficient tables are built once. Instances are immutable and thread-safe;
 * outputs must not overlap inputs.
 */
interface RowMultiplier {
    void multiply(byte[][] in, int[] inOffset, byte[][] out, int[] outOffset, int length);
}
