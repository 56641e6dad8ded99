package io.granary.datanode;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.Iterator;

/**
 * Buffers from an in-memory {@link Iterator} as a {@link ReadStream} on one context, one buffer per turn
 * of the event loop so the consumer's back-pressure ({@code pause}, {@code fetch}) takes effect between
 * them. For shard contents already in memory (tests, load tools, small rebuilt shards). Every field is
 * only touched on the context: calls from other threads are posted to it, in order, so an end is never
 * emitted before the consumer's end handler is set (a consumer on another thread used to lose it and
 * wait forever).
 */
public final class IteratorReadStream implements ReadStream<Buffer> {
    private final Context context;
    private final Iterator<Buffer> buffers;
    private long demand = Long.MAX_VALUE;
    private boolean scheduled;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;

    public IteratorReadStream(Context context, Iterator<Buffer> buffers) {
        this.context = context;
        this.buffers = buffers;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> h) {
        onContext(() -> {
            handler = h;
            schedule();
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        onContext(() -> demand = 0);
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        return fetch(Long.MAX_VALUE);
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        onContext(() -> {
            demand = addDemand(demand, amount);
            schedule();
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> h) {
        onContext(() -> {
            endHandler = h;
            schedule();
        });
        return this;
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    /** Demand plus {@code amount}, saturating at unbounded. */
    static long addDemand(long demand, long amount) {
        long sum = demand + amount;
        return sum < 0 ? Long.MAX_VALUE : sum;
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
        if (handler == null || demand <= 0) return;
        if (!buffers.hasNext()) {
            Handler<Void> end = endHandler;
            if (end == null) return;
            endHandler = null;
            end.handle(null);
            return;
        }
        if (demand != Long.MAX_VALUE) demand--;
        handler.handle(buffers.next());
        schedule();
    }
}
