package io.granary.bench.datanode;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/** One chunk frame emitted {@code count} times on one context, honouring back-pressure: a synthetic shard. */
final class RepeatedFrameStream implements ReadStream<Buffer> {
    private final Context context;
    private final Buffer frame;
    private int remaining;
    private long demand = Long.MAX_VALUE;
    private boolean scheduled;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;

    RepeatedFrameStream(Context context, Buffer frame, int count) {
        this.context = context;
        this.frame = frame;
        this.remaining = count;
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

    private void emit() {
        while (handler != null && demand > 0 && remaining > 0) {
            remaining--;
            if (demand != Long.MAX_VALUE) demand--;
            handler.handle(frame.slice());
        }
        if (remaining == 0 && endHandler != null) {
            Handler<Void> end = endHandler;
            endHandler = null;
            end.handle(null);
        }
    }
}
