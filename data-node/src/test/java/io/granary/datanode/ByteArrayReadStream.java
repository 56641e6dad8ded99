package io.granary.datanode;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/** A byte array served as a paced ReadStream of fixed-size buffers on one context, honouring pause/fetch. */
final class ByteArrayReadStream implements ReadStream<Buffer> {
    private final Context context;
    private final byte[] data;
    private final int chunk;
    private int position;
    private long demand = Long.MAX_VALUE;
    private boolean scheduled;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;

    ByteArrayReadStream(Context context, byte[] data, int chunk) {
        this.context = context;
        this.data = data;
        this.chunk = chunk;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> h) {
        handler = h;
        schedule();
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        demand = 0;
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        return fetch(Long.MAX_VALUE);
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
        schedule();
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> h) {
        endHandler = h;
        return this;
    }

    private void schedule() {
        if (scheduled) return;
        scheduled = true;
        context.runOnContext(v -> {
            scheduled = false;
            emit();
        });
    }

    /** Emits one buffer per turn of the event loop so the consumer's back-pressure can act. */
    private void emit() {
        if (handler == null || demand <= 0) return;
        if (position >= data.length) {
            Handler<Void> end = endHandler;
            endHandler = null;
            if (end != null) end.handle(null);
            return;
        }
        int n = Math.min(chunk, data.length - position);
        Buffer buffer = Buffer.buffer(n).appendBytes(data, position, n);
        position += n;
        if (demand != Long.MAX_VALUE) demand--;
        handler.handle(buffer);
        schedule();
    }
}
