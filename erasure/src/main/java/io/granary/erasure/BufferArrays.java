package io.granary.erasure;

import java.nio.ByteBuffer;

/**
 * The backing arrays and offsets of a set of shard buffers, as a {@link RowMultiplier} needs them.
 * A buffer with an accessible array is used in place; one without (direct or read-only) gets a
 * heap staging block that {@link #load} fills from it and {@link #store} copies back to it.
 * Buffer positions and limits are never moved.
 */
final class BufferArrays {
    private final ByteBuffer[] buffers;
    private final byte[][] arrays;
    private final int[] bases;
    private final int[] offsets;
    private final boolean staged;

    BufferArrays(ByteBuffer[] buffers, int length, int block) {
        this.buffers = buffers;
        this.arrays = new byte[buffers.length][];
        this.bases = new int[buffers.length];
        this.offsets = new int[buffers.length];
        boolean anyStaged = false;
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i].hasArray()) {
                arrays[i] = buffers[i].array();
                bases[i] = buffers[i].arrayOffset() + buffers[i].position();
            } else {
                arrays[i] = new byte[Math.min(length, block)];
                bases[i] = -1;
                anyStaged = true;
            }
        }
        this.staged = anyStaged;
    }

    /** True when at least one buffer goes through a staging block. */
    boolean staged() {
        return staged;
    }

    byte[][] arrays() {
        return arrays;
    }

    /** Offsets of byte {@code done} of every shard in {@link #arrays()}; reused between calls. */
    int[] offsets(int done) {
        for (int i = 0; i < bases.length; i++) {
            offsets[i] = bases[i] < 0 ? 0 : bases[i] + done;
        }
        return offsets;
    }

    /** Copies bytes [done, done+length) of every staged buffer into its block. */
    void load(int done, int length) {
        for (int i = 0; i < buffers.length; i++) {
            if (bases[i] < 0) buffers[i].get(buffers[i].position() + done, arrays[i], 0, length);
        }
    }

    /** Copies every staged block back to bytes [done, done+length) of its buffer. */
    void store(int done, int length) {
        for (int i = 0; i < buffers.length; i++) {
            if (bases[i] < 0) buffers[i].put(buffers[i].position() + done, arrays[i], 0, length);
        }
    }
}
