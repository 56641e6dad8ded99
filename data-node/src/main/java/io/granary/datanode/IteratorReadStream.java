package io.granary.datanode;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.Iterator;

/**
 * Buffers from an in-memory {@link Iterator} as a {@link ReadStream} on one context, one buffer per turn
 * of the event loop so the consumer's back-pressure ({@code pause}, {@code fetch}) takes effect between
 * them. For shard contents already in memory (tests, load tools, small rebuilt shards); the iterator is
 * only touched on the context.
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
        demand = addDemand(demand, amount);
        schedule();
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> h) {
        endHandler = h;
        return this;
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
            endHandler = null;
            if (end != null) end.handle(null);
            return;
        }
        if (demand != Long.MAX_VALUE) demand--;
        handler.handle(buffers.next());
        schedule();
    }
}
