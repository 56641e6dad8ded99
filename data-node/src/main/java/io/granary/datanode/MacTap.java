package io.granary.datanode;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * Passes a body through to {@code inner} while a {@link BodyMac} hashes it. A write completes once it is
 * written and (for an unbatched MAC) hashed, so the caller may then reuse its buffer; the queue is full while
 * the inner stream's is, or while more than {@value #MAX_BACKLOG} bytes wait to be hashed, so a slow hash slows
 * the sender.
 * {@link #end()} ends the inner stream; callers that need the tag take it from {@link #mac()} first.
 */
class MacTap implements WriteStream<Buffer> {
    private static final long MAX_BACKLOG = 4L << 20;

    private final WriteStream<Buffer> inner;
    private final BodyMac mac;
    private Handler<Void> drainHandler;

    MacTap(WriteStream<Buffer> inner, BodyMac mac) {
        this.inner = inner;
        this.mac = mac;
        mac.onProgress(this::drainIfReady);
    }

    BodyMac mac() {
        return mac;
    }

    @Override
    public Future<Void> write(Buffer data) {
        return Future.all(inner.write(data), mac.update(data)).mapEmpty();
    }

    @Override
    public Future<Void> end() {
        return inner.end();
    }

    @Override
    public boolean writeQueueFull() {
        return inner.writeQueueFull() || mac.pendingBytes() > MAX_BACKLOG;
    }

    @Override
    public MacTap drainHandler(Handler<Void> handler) {
        drainHandler = handler;
        inner.drainHandler(handler == null ? null : v -> drainIfReady());
        return this;
    }

    @Override
    public MacTap exceptionHandler(Handler<Throwable> handler) {
        inner.exceptionHandler(handler);
        return this;
    }

    @Override
    public MacTap setWriteQueueMaxSize(int maxSize) {
        inner.setWriteQueueMaxSize(maxSize);
        return this;
    }

    /** Stops waking a writer: the stream was ended by its owner while the MAC may still report progress. */
    void detach() {
        drainHandler = null;
    }

    private void drainIfReady() {
        if (drainHandler != null && !writeQueueFull()) drainHandler.handle(null);
    }
}
