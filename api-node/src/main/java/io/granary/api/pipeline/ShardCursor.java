package io.granary.api.pipeline;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Pulls whole frames, one at a time, from the byte stream of one shard read: incoming buffers are
 * queued (the stream is paused once {@code highWater} bytes wait) and each {@link #next(int)} takes
 * exactly one frame, sliced without copying when it lies in one buffer. A stream failure or a short
 * stream fails the pending and every later {@code next}. Event-loop confined.
 *
 * <p>Once a {@code next} has failed, the cursor is broken for good: the failed frame was never consumed,
 * so bytes still arriving (a connection can deliver buffered data after reporting that it closed) would
 * be taken as the following stripes' frames: valid CRCs at the wrong position, hence wrong object bytes.
 */
final class ShardCursor {
    private final ReadStream<Buffer> stream;
    private final long highWater;
    private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
    private long queued;
    private boolean ended;
    private boolean paused;
    private Throwable failure;
    private Promise<ByteBuffer> waiting;
    private int wantedLength;
    /** A frame was failed: the position in the shard is lost and no later frame may be served. */
    private boolean broken;

    ShardCursor(ReadStream<Buffer> stream, long highWater) {
        this.stream = stream;
        this.highWater = highWater;
        // Handler last: setting it starts the flow, and a read that completes at once would otherwise
        // report its failure or end before anyone listens, leaving next() waiting forever.
        stream.exceptionHandler(this::failed);
        stream.endHandler(v -> {
            ended = true;
            deliver();
        });
        stream.handler(this::arrived);
    }

    /** The next frame, which must be {@code frameLength} bytes long. */
    Future<ByteBuffer> next(int frameLength) {
        if (waiting != null) throw new IllegalStateException("one frame at a time");
        waiting = Promise.promise();
        wantedLength = frameLength;
        Future<ByteBuffer> result = waiting.future();
        deliver();
        return result;
    }

    /** Stops reading; what was queued is dropped. */
    void close() {
        queue.clear();
        queued = 0;
        if (!ended && failure == null) {
            failure = new IllegalStateException("cursor closed");
            stream.handler(null);
            stream.exceptionHandler(null);
            stream.endHandler(null);
            stream.resume();
        }
    }

    private void arrived(Buffer buffer) {
        if (broken) return;
        queue.add(buffer);
        queued += buffer.length();
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
        if (waiting == null) return;
        if (queued >= wantedLength && !broken) {
            Promise<ByteBuffer> promise = waiting;
            waiting = null;
            promise.complete(take(wantedLength));
            if (paused && queued < highWater) {
                paused = false;
                stream.resume();
            }
        } else if (failure != null || ended) {
            Promise<ByteBuffer> promise = waiting;
            waiting = null;
            broken = true;
            queue.clear();
            queued = 0;
            promise.fail(failure != null ? failure
                    : new IllegalStateException("shard stream ended inside a frame"));
        }
    }

    private ByteBuffer take(int length) {
        Buffer head = queue.peek();
        if (head.length() >= length) {
            ByteBuffer frame = Buffers.view(head.slice(0, length));
            if (head.length() == length) {
                queue.poll();
            } else {
                queue.poll();
                queue.push(head.slice(length, head.length()));
            }
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
