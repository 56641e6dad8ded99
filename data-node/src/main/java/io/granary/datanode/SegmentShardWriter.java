package io.granary.datanode;

import io.granary.datanode.segment.SegmentEntry;
import io.granary.datanode.segment.SegmentVolume;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * The sink of a small shard bound for the {@link SegmentVolume}: frames are checked (unless the store
 * trusts its caller's CRCs) and copied into one buffer of the declared length on the writer's context
 * (a small shard is a few KiB, the rule of thumb keeps that on the loop), and {@link #end()} hands the
 * whole record to the group-committing appender. Nothing is appended before end, so an aborted or failed
 * write leaves no record at all. The queue never fills: a write completes as soon as it is copied.
 */
final class SegmentShardWriter implements ShardWriter {
    private final SegmentVolume volume;
    private final Context context;
    private final ShardId id;
    private final ByteBuffer frames;
    private final FrameVerifier verifier;
    private final Promise<ShardInfo> result = Promise.promise();
    private boolean finished;
    private Handler<Throwable> exceptionHandler;

    /** @param verifier checks frames on arrival; null when the caller's frames are trusted */
    SegmentShardWriter(SegmentVolume volume, Context context, ShardId id, int length, FrameVerifier verifier) {
        this.volume = volume;
        this.context = context;
        this.id = id;
        this.frames = ByteBuffer.allocate(length);
        this.verifier = verifier;
    }

    @Override
    public Future<Void> write(Buffer data) {
        Promise<Void> promise = Promise.promise();
        ContextDispatch.run(context, () -> accept(data, promise));
        return promise.future();
    }

    private void accept(Buffer data, Promise<Void> promise) {
        if (finished) {
            promise.fail(terminalFailure());
            return;
        }
        if (data.length() > frames.remaining()) {
            fail(LocalShardStore.invalid("shard " + id + " received more than the declared " + frames.capacity()
                    + " bytes"));
            promise.fail(terminalFailure());
            return;
        }
        int start = frames.position();
        data.getBytes(frames.array(), start);
        frames.position(start + data.length());
        try {
            if (verifier != null) verifier.update(ByteBuffer.wrap(frames.array(), start, data.length()));
        } catch (ShardStoreException e) {
            fail(e);
            promise.fail(e);
            return;
        }
        promise.complete();
    }

    @Override
    public Future<Void> end() {
        ContextDispatch.run(context, this::commit);
        return result.future().mapEmpty();
    }

    private void commit() {
        if (finished) return;
        if (frames.hasRemaining()) {
            fail(LocalShardStore.invalid("shard " + id + " ended after " + frames.position() + " of the declared "
                    + frames.capacity() + " bytes"));
            return;
        }
        try {
            if (verifier != null) verifier.finish();
        } catch (ShardStoreException e) {
            fail(e);
            return;
        }
        finished = true;
        volume.put(id.value(), frames.flip(), System.currentTimeMillis())
                .onComplete(done -> ContextDispatch.run(context, () -> {
                    if (done.succeeded()) {
                        result.complete(info(id, done.result()));
                    } else {
                        ShardStoreException failure = ShardStoreException.of("commit of shard " + id, done.cause());
                        result.fail(failure);
                        notifyException(failure);
                    }
                }));
    }

    static ShardInfo info(ShardId id, SegmentEntry entry) {
        return new ShardInfo(id, entry.length(), Instant.ofEpochMilli(entry.committedMillis()));
    }

    @Override
    public Future<ShardInfo> committed() {
        return result.future();
    }

    @Override
    public void abort(Throwable cause) {
        ContextDispatch.run(context, () -> fail(ShardStoreException.aborted(id, cause)));
    }

    private void fail(ShardStoreException failure) {
        if (finished) return;
        finished = true;
        result.fail(failure);
        notifyException(failure);
    }

    private void notifyException(Throwable failure) {
        Handler<Throwable> handler = exceptionHandler;
        if (handler != null) handler.handle(failure);
    }

    private Throwable terminalFailure() {
        Throwable cause = result.future().cause();
        return cause != null ? cause : LocalShardStore.invalid("shard " + id + " write already ended");
    }

    @Override
    public ShardWriter setWriteQueueMaxSize(int maxSize) {
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return false;
    }

    @Override
    public ShardWriter drainHandler(Handler<Void> handler) {
        return this;
    }

    @Override
    public ShardWriter exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        return this;
    }
}
