package io.granary.erasure;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One stripe as framed chunks, one per shard index, handed to a {@link StripeSink}. Ownership: the
 * encoder never writes these buffers again until {@link #release()} is called, so the consumer
 * may write the frames to six shard stores concurrently without copying, and calls
 * {@code release()} once every write is done (from any thread). After release the frames must not
 * be read: the encoder refills them with a later stripe. A stripe that is never released is just
 * garbage-collected; the encoder then allocates fresh buffers, so forgetting costs memory churn,
 * never corruption.
 */
public final class EncodedStripe {
    private final long index;
    private final int chunkSize;
    private final int dataLength;
    private final ByteBuffer[] frames;
    private final Consumer<ByteBuffer[]> recycler;
    private final AtomicBoolean released = new AtomicBoolean();

    EncodedStripe(long index, int chunkSize, int dataLength, ByteBuffer[] frames, Consumer<ByteBuffer[]> recycler) {
        this.index = index;
        this.chunkSize = chunkSize;
        this.dataLength = dataLength;
        this.frames = frames;
        this.recycler = recycler;
    }

    /** Stripe index within the object, from 0. */
    public long index() {
        return index;
    }

    /** Payload bytes of each chunk. */
    public int chunkSize() {
        return chunkSize;
    }

    /** Object bytes in this stripe (the rest of the data chunks is zero padding). */
    public int dataLength() {
        return dataLength;
    }

    /** Number of frames, k + m. */
    public int shardCount() {
        return frames.length;
    }

    /**
     * A read-only view of shard {@code shard}'s frame, positioned at 0 with the frame's length
     * remaining; each call returns a new view, so consumers do not share positions.
     */
    public ByteBuffer frame(int shard) {
        if (released.get()) throw new IllegalStateException("stripe " + index + " was already released");
        return frames[shard].asReadOnlyBuffer().position(0).limit(ChunkFrame.frameSize(chunkSize));
    }

    /** Gives the buffers back to the encoder; later calls do nothing. */
    public void release() {
        if (released.compareAndSet(false, true)) {
            recycler.accept(frames);
        }
    }
}
