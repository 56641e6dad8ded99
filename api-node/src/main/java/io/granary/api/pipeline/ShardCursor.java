package io.granary.api.pipeline;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.function.LongConsumer;

/**
 * Pulls whole frames from the byte stream of one shard read: incoming buffers are queued (the stream
 * is paused once {@code highWater} bytes wait) and each {@link #next(int)} takes exactly one frame,
 * sliced without copying when it lies in one buffer. Frames may be asked for several at a time (a GET's
 * read-ahead); they are served in the order they were asked for. A stream failure or a short stream
 * fails the pending and every later {@code next}. Event-loop confined.
 *
 * <p>Once a {@code next} has failed, the cursor is broken for good: the failed frame was never consumed,
 * so bytes still arriving (a connection can deliver buffered data after reporting that it closed) would
 * be taken as the following stripes' frames: valid CRCs at the wrong position, hence wrong object bytes.
 *
 * <p>Memory: {@code held} is told +n for every n bytes that arrive and -n for queued bytes dropped (close,
 * failure); a frame handed out by {@code next} stays counted, and its new owner tells {@code held} when it
 * lets the frame go.
 */
final class ShardCursor {
    /** The shard's byte stream; null until its read has opened. */
    private ReadStream<Buffer> stream;
    private boolean closed;
    private final long highWater;
    private final LongConsumer held;
    private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
    private long queued;
    private boolean ended;
    private boolean paused;
    private Throwable failure;
    private final ArrayDeque<Wanted> waiting = new ArrayDeque<>();
    /** A frame was failed: the position in the shard is lost and no later frame may be served. */
    private boolean broken;

    /** One outstanding {@link #next} call. */
    private record Wanted(Promise<ByteBuffer> promise, int length) {
    }

    ShardCursor(ReadStream<Buffer> stream, long highWater) {
        this(Future.succeededFuture(stream), highWater, bytes -> { });
    }

    /**
     * A cursor over a stream still being opened: frames may be asked for at once and are served, in
     * order, once it opens (a failed open fails them). The order is the cursor's own, not that of
     * listeners on the opening future.
     */
    ShardCursor(Future<ReadStream<Buffer>> opening, long highWater, LongConsumer held) {
        this.highWater = highWater;
        this.held = held;
        opening.onComplete(opened -> {
            if (opened.succeeded()) {
                attach(opened.result());
            } else {
                failed(opened.cause());
            }
        });
    }

    private void attach(ReadStream<Buffer> opened) {
        stream = opened;
        if (closed) {
            detach();
            return;
        }
        // Handler last: setting it starts the flow, and a read that completes at once would otherwise
        // report its failure or end before anyone listens, leaving next() waiting forever.
        opened.exceptionHandler(this::failed);
        opened.endHandler(v -> {
            ended = true;
            deliver();
        });
        opened.handler(this::arrived);
    }

    /** The frame after those already asked for, which must be {@code frameLength} bytes long. */
    Future<ByteBuffer> next(int frameLength) {
        Wanted wanted = new Wanted(Promise.promise(), frameLength);
        waiting.add(wanted);
        deliver();
        return wanted.promise().future();
    }

    /** Stops reading; what was queued is dropped and frames still asked for fail. */
    void close() {
        drop();
        if (closed) return;
        closed = true;
        if (!ended && failure == null) {
            failure = new IllegalStateException("cursor closed");
            if (stream != null) detach();
        }
        deliver();
    }

    /** Lets the stream run to its end unheard, so its connection or file is released. */
    private void detach() {
        stream.handler(null);
        stream.exceptionHandler(null);
        stream.endHandler(null);
        stream.resume();
    }

    private void arrived(Buffer buffer) {
        if (broken || closed) return;
        queue.add(buffer);
        queued += buffer.length();
        held.accept(buffer.length());
        if (queued >= highWater && !paused) {
            paused = true;
            stream.pause();
        }
        deliver();
    }

    private void failed(Throwable cause) {
        if (failure == null) failure = cause;
        deliver();
    }

    private void deliver() {
        while (!waiting.isEmpty()) {
            Wanted head = waiting.peek();
            if (queued >= head.length() && !broken) {
                waiting.poll();
                head.promise().complete(take(head.length()));
            } else if (failure != null || ended || broken) {
                broken = true;
                drop();
                Throwable cause = failure != null ? failure
                        : new IllegalStateException("shard stream ended inside a frame");
                for (Wanted wanted = waiting.poll(); wanted != null; wanted = waiting.poll()) {
                    wanted.promise().fail(cause);
                }
            } else {
                break;
            }
        }
        if (paused && queued < highWater && stream != null && !closed) {
            paused = false;
            stream.resume();
        }
    }

    private void drop() {
        queue.clear();
        if (queued > 0) held.accept(-queued);
        queued = 0;
    }

    private ByteBuffer take(int length) {
        Buffer head = queue.peek();
        if (head.length() >= length) {
            ByteBuffer frame = Buffers.view(head.slice(0, length));
            queue.poll();
            if (head.length() > length) queue.push(head.slice(length, head.length()));
            queued -= length;
            return frame;
        }
        ByteBuffer frame = ByteBuffer.allocate(length);
        while (frame.hasRemaining()) {
            Buffer next = queue.poll();
            int n = Math.min(next.length(), frame.remaining());
            frame.put(Buffers.view(next.slice(0, n)));
            if (n < next.length()) queue.push(next.slice(n, next.length()));
        }
        queued -= length;
        return frame.flip();
    }
}
