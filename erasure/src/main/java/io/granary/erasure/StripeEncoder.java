package io.granary.erasure;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Turns an object's bytes, arriving in pieces of any size, into framed chunks per shard. Bytes are
 * copied once, straight into the payloads of the current stripe's data frames; when a stripe is
 * full (and at {@link #finish()}) the parity payloads are computed in place, every frame gets its
 * header and CRC32C, and the stripe goes to the {@link StripeSink}. Memory is one stripe being filled
 * plus the stripes the sink has not released yet (see {@link EncodedStripe} for ownership); the
 * sink's own back-pressure bounds the latter. Not thread-safe: one writer at a time, although the
 * writing thread may change between calls (with the usual happens-before hand-off).
 */
public final class StripeEncoder {
    /** Released buffer sets kept for reuse; more would only hold memory. */
    private static final int POOL_LIMIT = 2;

    private final ReedSolomon codec;
    private final StripeLayout layout;
    private final StripeSink sink;
    private final int fullChunk;
    private final BlockingQueue<ByteBuffer[]> pool = new ArrayBlockingQueue<>(POOL_LIMIT);
    private ByteBuffer[] frames;
    private int filled;
    private long stripeIndex;
    private long bytesWritten;
    private boolean finished;

    public StripeEncoder(ReedSolomon codec, StripeLayout layout, StripeSink sink) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.sink = Objects.requireNonNull(sink, "sink");
        if (codec.dataShards() != layout.dataShards() || codec.parityShards() != layout.parityShards()) {
            throw new IllegalArgumentException("codec is " + codec.dataShards() + "+" + codec.parityShards()
                    + " but layout is " + layout.dataShards() + "+" + layout.parityShards());
        }
        this.fullChunk = layout.fullChunkSize();
    }

    /** Consumes all remaining bytes of {@code piece} (heap or direct), emitting every stripe it completes. */
    public void write(ByteBuffer piece) {
        requireOpen();
        while (piece.hasRemaining()) {
            int n = reserve(piece.remaining());
            piece.get(frames[filled / fullChunk].array(), payloadIndex(filled), n);
            advance(n);
        }
    }

    /** Consumes {@code bytes[offset..offset+length)}, emitting every stripe it completes. */
    public void write(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new IllegalArgumentException("piece [" + offset + ", " + offset + "+" + length
                    + ") is outside an array of " + bytes.length + " bytes");
        }
        requireOpen();
        for (int done = 0; done < length; ) {
            int n = reserve(length - done);
            System.arraycopy(bytes, offset + done, frames[filled / fullChunk].array(), payloadIndex(filled), n);
            advance(n);
            done += n;
        }
    }

    /** Emits the last, partial stripe (if any bytes are pending); later writes are refused. */
    public void finish() {
        requireOpen();
        finished = true;
        if (filled > 0) {
            emit();
        }
    }

    /** Object bytes accepted so far. */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** Stripes handed to the sink so far. */
    public long stripesEmitted() {
        return stripeIndex;
    }

    /** Makes sure a stripe is being filled and returns how many of {@code wanted} bytes fit its current chunk. */
    private int reserve(int wanted) {
        if (frames == null) {
            frames = takeBuffers();
        }
        int roomInChunk = fullChunk - filled % fullChunk;
        return Math.min(wanted, Math.min(roomInChunk, layout.blockSize() - filled));
    }

    private void advance(int n) {
        filled += n;
        bytesWritten += n;
        if (filled == layout.blockSize()) {
            emit();
        }
    }

    private int payloadIndex(int stripeOffset) {
        return ChunkFrame.HEADER_SIZE + stripeOffset % fullChunk;
    }

    private void emit() {
        int chunkSize = (int) ((filled + (long) layout.dataShards() - 1) / layout.dataShards());
        if (chunkSize != fullChunk) {
            relayout(chunkSize);
        }
        zeroPadding(chunkSize);
        ByteBuffer[] payloads = new ByteBuffer[frames.length];
        for (int i = 0; i < frames.length; i++) {
            payloads[i] = frames[i].duplicate().position(ChunkFrame.HEADER_SIZE)
                    .limit(ChunkFrame.HEADER_SIZE + chunkSize);
        }
        codec.encode(payloads);
        for (ByteBuffer frame : frames) {
            ChunkFrame.writeHeader(frame.duplicate().clear(), chunkSize);
        }
        EncodedStripe stripe = new EncodedStripe(stripeIndex++, chunkSize, filled, frames, this::recycle);
        frames = null;
        filled = 0;
        sink.accept(stripe);
    }

    /** A short last stripe has smaller chunks: move its bytes from full-size chunk slots to the new ones. */
    private void relayout(int chunkSize) {
        byte[] data = new byte[filled];
        for (int at = 0; at < filled; at += fullChunk) {
            System.arraycopy(frames[at / fullChunk].array(), ChunkFrame.HEADER_SIZE, data, at,
                    Math.min(fullChunk, filled - at));
        }
        for (int at = 0; at < filled; at += chunkSize) {
            System.arraycopy(data, at, frames[at / chunkSize].array(), ChunkFrame.HEADER_SIZE,
                    Math.min(chunkSize, filled - at));
        }
    }

    /** Zeroes data chunk bytes past the stripe's data: reused buffers still hold an older stripe. */
    private void zeroPadding(int chunkSize) {
        for (int c = filled / chunkSize; c < layout.dataShards(); c++) {
            int from = Math.max(0, filled - c * chunkSize);
            Arrays.fill(frames[c].array(), ChunkFrame.HEADER_SIZE + from, ChunkFrame.HEADER_SIZE + chunkSize,
                    (byte) 0);
        }
    }

    private ByteBuffer[] takeBuffers() {
        ByteBuffer[] reused = pool.poll();
        if (reused != null) return reused;
        ByteBuffer[] fresh = new ByteBuffer[layout.totalShards()];
        for (int i = 0; i < fresh.length; i++) {
            fresh[i] = ByteBuffer.allocate(ChunkFrame.frameSize(fullChunk));
        }
        return fresh;
    }

    private void recycle(ByteBuffer[] released) {
        pool.offer(released);
    }

    private void requireOpen() {
        if (finished) throw new IllegalStateException("stripe encoder already finished");
    }
}
