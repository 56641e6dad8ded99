package io.granary.datanode;

import io.granary.erasure.ChunkFrame;
import io.granary.erasure.CorruptChunkException;
import io.netty.buffer.Unpooled;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;

/**
 * A verified range of a local shard file as a {@link ReadStream}. Frames are read in batches of whole
 * frames (up to {@value #BATCH_BYTES} bytes, at least one frame) on the disk pool, each frame's CRC32C is
 * checked there, and only verified bytes are emitted; a bad frame ends the stream with a {@code CORRUPT}
 * exception naming its byte range, after the good frames before it. At most one batch is read ahead of
 * the consumer, so memory per stream is about two batches. Emits only while a handler is set and demand
 * is positive; state lives on the stream's context.
 */
final class FrameReadStream implements ReadStream<Buffer> {
    static final int BATCH_BYTES = 1 << 20;

    private final Context context;
    private final WorkerExecutor disk;
    private final ShardId id;
    private final FileChannel channel;
    private final long base;
    private final Closer closer;
    private final FrameLayout layout;
    private final long end;
    private final ArrayDeque<Buffer> ready = new ArrayDeque<>();
    private long position;
    private long demand = Long.MAX_VALUE;
    private boolean reading;
    private boolean closed;
    private Throwable failure;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private boolean finished;
    private boolean outcomeDelivered;
    private Handler<Throwable> exceptionHandler;

    /** What ends the stream's hold on its file: closing the shard file, or releasing a segment. */
    @FunctionalInterface
    interface Closer {
        void close() throws IOException;
    }

    /**
     * Streams shard bytes {@code [start, end)}, which lie at {@code base + start} in {@code channel} (0 for a
     * shard file, the record's payload offset in a segment); {@code closer} runs once, on the disk pool.
     */
    FrameReadStream(Context context, WorkerExecutor disk, ShardId id, FileChannel channel, long base, Closer closer,
                    FrameLayout layout, long start, long end) {
        this.context = context;
        this.disk = disk;
        this.id = id;
        this.channel = channel;
        this.base = base;
        this.closer = closer;
        this.layout = layout;
        this.position = start;
        this.end = end;
    }

    /** Verified bytes of one batch, and the failure that cut it short, if any. */
    private record Batch(Buffer verified, ShardStoreException failure) {
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> h) {
        ContextDispatch.run(context, () -> {
            handler = h;
            if (h == null) {
                close();
            } else {
                drive();
            }
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        ContextDispatch.run(context, () -> demand = 0);
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        return fetch(Long.MAX_VALUE);
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        ContextDispatch.run(context, () -> {
            demand = IteratorReadStream.addDemand(demand, amount);
            drive();
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> h) {
        ContextDispatch.run(context, () -> {
            endHandler = h;
            if (finished) deliverOutcome();
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
        ContextDispatch.run(context, () -> {
            exceptionHandler = h;
            if (finished) deliverOutcome();
        });
        return this;
    }

    private void drive() {
        if (closed || handler == null) return;
        while (demand > 0 && !ready.isEmpty()) {
            if (demand != Long.MAX_VALUE) demand--;
            handler.handle(ready.poll());
            if (closed || handler == null) return;
        }
        if (!ready.isEmpty()) return;
        if (failure != null || position >= end) {
            close();
            finished = true;
            deliverOutcome();
        } else {
            readAhead();
        }
    }

    /**
     * Tells the end or the failure once, to whichever handler is set; if the stream finished before
     * its consumer registered one, the outcome waits for it instead of being lost.
     */
    private void deliverOutcome() {
        if (outcomeDelivered) return;
        if (failure != null && exceptionHandler != null) {
            outcomeDelivered = true;
            exceptionHandler.handle(failure);
        } else if (failure == null && endHandler != null) {
            outcomeDelivered = true;
            endHandler.handle(null);
        }
    }

    private void readAhead() {
        if (reading) return;
        reading = true;
        long start = position;
        disk.<Batch>executeBlocking(() -> readBatch(start), false)
                .onComplete(done -> ContextDispatch.run(context, () -> afterRead(done)));
    }

    private void afterRead(AsyncResult<Batch> done) {
        reading = false;
        if (done.failed()) {
            failure = ShardStoreException.of("read of shard " + id, done.cause());
        } else {
            Batch batch = done.result();
            if (batch.verified().length() > 0) ready.add(batch.verified());
            position += batch.verified().length();
            failure = batch.failure();
        }
        drive();
    }

    private Batch readBatch(long start) throws IOException {
        int frameSize = layout.frameSize();
        long frames = Math.max(1, BATCH_BYTES / frameSize);
        int bytes = (int) Math.min(frames * frameSize, end - start);
        ByteBuffer data = ByteBuffer.allocate(bytes);
        try {
            FrameLayout.readFully(channel, data, base + start);
        } catch (java.io.EOFException e) {
            return new Batch(Buffer.buffer(), corrupt(start, "shard file shorter than its frames"));
        }
        data.flip();
        ShardStoreException bad = null;
        while (data.hasRemaining()) {
            long frameStart = start + data.position();
            long expected = layout.frameEnd(frameStart) - frameStart - ChunkFrame.HEADER_SIZE;
            int mark = data.position();
            try {
                ByteBuffer payload = ChunkFrame.verify(data.duplicate().limit((int) (mark + expected
                        + ChunkFrame.HEADER_SIZE)));
                if (payload.remaining() != expected) throw new CorruptChunkException("frame length field changed");
                data.position(mark + payload.remaining() + ChunkFrame.HEADER_SIZE);
            } catch (CorruptChunkException | IllegalArgumentException e) {
                bad = corrupt(frameStart, e.getMessage());
                data.limit(mark);
                break;
            }
        }
        return new Batch(BufferInternal.buffer(Unpooled.wrappedBuffer(data.array(), 0, data.limit())), bad);
    }

    private ShardStoreException corrupt(long frameStart, String why) {
        return new ShardStoreException(ShardStoreException.Kind.CORRUPT, "shard " + id + " bytes [" + frameStart
                + ", " + layout.frameEnd(frameStart) + ") corrupt: " + why);
    }

    private void close() {
        if (closed) return;
        closed = true;
        ready.clear();
        disk.executeBlocking(() -> {
            closer.close();
            return null;
        }, false);
    }
}
