package io.granary.datanode;

import io.netty.buffer.ByteBuf;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sink of one shard being written to a {@link LocalShardStore}. Incoming buffers queue on the
 * writer's context; at most one disk task runs at a time and takes everything queued (so small network
 * buffers coalesce into few syscalls), checking each frame's CRC32C with a {@link FrameVerifier} (unless
 * the store trusts its caller's frames) and appending to the temp file. The queue is bounded
 * ({@link #setWriteQueueMaxSize}, default 4 MiB): above it {@link #writeQueueFull()} holds the producer
 * back until the disk catches up. All state is touched only on the writer's context; the disk task
 * touches only the channel and the verifier, handed over by the task chain.
 */
final class LocalShardWriter implements ShardWriter {
    private static final int DEFAULT_MAX_QUEUED = 4 << 20;

    private final LocalShardStore store;
    private final Context context;
    private final ShardId id;
    /** The declared length, or {@link ShardStore#UNKNOWN_LENGTH}: then the shard is what arrived. */
    private final long length;
    private final Path temp;
    private final FileChannel channel;
    private final FrameVerifier verifier;
    private final Promise<ShardInfo> result = Promise.promise();
    private List<Buffer> queued = new ArrayList<>();
    private List<Promise<Void>> queuedPromises = new ArrayList<>();
    private long queuedBytes;
    private long received;
    private int maxQueued = DEFAULT_MAX_QUEUED;
    private boolean diskBusy;
    private boolean ending;
    private boolean finished;
    private Handler<Void> drainHandler;
    private Handler<Throwable> exceptionHandler;

    LocalShardWriter(LocalShardStore store, Context context, ShardId id, long length, Path temp,
                     FileChannel channel, FrameVerifier verifier) {
        this.verifier = verifier;
        this.store = store;
        this.context = context;
        this.id = id;
        this.length = length;
        this.temp = temp;
        this.channel = channel;
    }

    @Override
    public Future<Void> write(Buffer data) {
        Promise<Void> promise = Promise.promise();
        ContextDispatch.run(context, () -> enqueue(data, promise));
        return promise.future();
    }

    private void enqueue(Buffer data, Promise<Void> promise) {
        if (finished || ending) {
            promise.fail(finished ? terminalFailure() : LocalShardStore.invalid("write after end"));
            return;
        }
        received += data.length();
        if (length != ShardStore.UNKNOWN_LENGTH && received > length) {
            fail(LocalShardStore.invalid("shard " + id + " received more than the declared " + length + " bytes"));
            promise.fail(terminalFailure());
            return;
        }
        queued.add(data);
        queuedPromises.add(promise);
        queuedBytes += data.length();
        pump();
    }

    private void pump() {
        if (diskBusy || finished) return;
        if (queued.isEmpty()) {
            if (ending) commit();
            return;
        }
        List<Buffer> batch = queued;
        List<Promise<Void>> promises = queuedPromises;
        queued = new ArrayList<>();
        queuedPromises = new ArrayList<>();
        long bytes = batch.stream().mapToLong(Buffer::length).sum();
        diskBusy = true;
        store.disk().<Void>executeBlocking(() -> append(batch), false)
                .onComplete(done -> ContextDispatch.run(context, () -> afterAppend(done, promises, bytes)));
    }

    private Void append(List<Buffer> batch) throws IOException {
        for (Buffer buffer : batch) {
            // Netty's view of the Vert.x buffer avoids copying every byte once more.
            ByteBuf bytes = ((BufferInternal) buffer).getByteBuf();
            for (ByteBuffer part : bytes.nioBuffers()) {
                if (verifier != null) verifier.update(part.duplicate());
                while (part.hasRemaining()) channel.write(part);
            }
        }
        return null;
    }

    private void afterAppend(AsyncResult<Void> done, List<Promise<Void>> promises, long bytes) {
        queuedBytes -= bytes;
        if (done.failed()) fail(ShardStoreException.of("write of shard " + id, done.cause()));
        diskBusy = false;
        if (finished) {
            promises.forEach(p -> p.tryFail(terminalFailure()));
            discard();
            return;
        }
        promises.forEach(Promise::tryComplete);
        Handler<Void> drain = drainHandler;
        if (drain != null && queuedBytes <= maxQueued / 2) {
            drainHandler = null;
            drain.handle(null);
        }
        pump();
    }

    @Override
    public Future<Void> end() {
        ContextDispatch.run(context, () -> {
            if (finished || ending) return;
            if (length != ShardStore.UNKNOWN_LENGTH && received != length) {
                fail(LocalShardStore.invalid("shard " + id + " ended after " + received + " of the declared "
                        + length + " bytes"));
                return;
            }
            ending = true;
            pump();
        });
        return result.future().mapEmpty();
    }

    private void commit() {
        finished = true;
        store.disk().executeBlocking(() -> {
            if (verifier != null) verifier.finish();
            return store.commitBlocking(id, received, temp, channel);
        }, false).onComplete(done -> {
            if (done.succeeded()) {
                result.complete(done.result());
            } else {
                ShardStoreException failure = ShardStoreException.of("commit of shard " + id, done.cause());
                result.fail(failure);
                notifyException(failure);
            }
        });
    }

    @Override
    public Future<ShardInfo> committed() {
        return result.future();
    }

    @Override
    public void abort(Throwable cause) {
        ContextDispatch.run(context, () -> fail(ShardStoreException.aborted(id, cause)));
    }

    /** Ends the write unsuccessfully; the temp file goes once no disk task holds it. */
    private void fail(ShardStoreException failure) {
        if (finished) return;
        finished = true;
        result.fail(failure);
        queuedPromises.forEach(p -> p.tryFail(failure));
        queued.clear();
        queuedPromises.clear();
        notifyException(failure);
        if (!diskBusy) discard();
    }

    private void discard() {
        store.disk().executeBlocking(() -> {
            LocalShardStore.discardBlocking(temp, channel);
            return null;
        }, false);
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
        this.maxQueued = maxSize;
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return queuedBytes >= maxQueued;
    }

    @Override
    public ShardWriter drainHandler(Handler<Void> handler) {
        this.drainHandler = handler;
        return this;
    }

    @Override
    public ShardWriter exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        return this;
    }
}
