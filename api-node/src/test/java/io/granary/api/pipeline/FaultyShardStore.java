package io.granary.api.pipeline;

import io.granary.datanode.NodeHealth;
import io.granary.datanode.ShardId;
import io.granary.datanode.ShardInfo;
import io.granary.datanode.ShardPage;
import io.granary.datanode.ShardStore;
import io.granary.datanode.ShardStoreException;
import io.granary.datanode.ShardWriter;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real {@link ShardStore} with a fault a dying data node produces: reads that cannot be opened, or
 * reads cut after a number of bytes, as a connection to a killed node is. Counts the reads still
 * attached (opened and neither ended, failed nor let go by their consumer) and the bytes delivered.
 */
final class FaultyShardStore implements ShardStore {
    private final ShardStore store;
    private volatile long cutAfter = Long.MAX_VALUE;
    private volatile boolean dead;
    private final AtomicInteger attached = new AtomicInteger();
    private final AtomicLong delivered = new AtomicLong();

    FaultyShardStore(ShardStore store) {
        this.store = store;
    }

    /** Every read from now on fails to open, as on a killed node. */
    FaultyShardStore kill() {
        dead = true;
        return this;
    }

    /** Every read opened from now on breaks off after {@code bytes} bytes, as when its node dies mid-stream. */
    FaultyShardStore cutAfter(long bytes) {
        cutAfter = bytes;
        return this;
    }

    int attachedReads() {
        return attached.get();
    }

    long deliveredBytes() {
        return delivered.get();
    }

    @Override
    public Future<ReadStream<Buffer>> read(ShardId id, long offset, long length) {
        if (dead) return Future.failedFuture(unavailable(id));
        long limit = cutAfter;
        return store.read(id, offset, length).map(stream -> {
            attached.incrementAndGet();
            return new CutStream(stream, id, limit);
        });
    }

    private static ShardStoreException unavailable(ShardId id) {
        return new ShardStoreException(ShardStoreException.Kind.UNAVAILABLE, "node of " + id + " is gone");
    }

    @Override
    public Future<ShardWriter> openWrite(ShardId id, long length) {
        return store.openWrite(id, length);
    }

    @Override
    public Future<ShardInfo> stat(ShardId id) {
        return store.stat(id);
    }

    @Override
    public Future<Void> delete(ShardId id) {
        return store.delete(id);
    }

    @Override
    public Future<ShardPage> list(ShardId after, int limit) {
        return store.list(after, limit);
    }

    @Override
    public Future<NodeHealth> health() {
        return store.health();
    }

    @Override
    public String location() {
        return store.location();
    }

    /** Passes bytes through until the limit, then fails; tracks whether its consumer still listens. */
    private final class CutStream implements ReadStream<Buffer> {
        private final ReadStream<Buffer> stream;
        private final ShardId id;
        private final long limit;
        private long passed;
        private boolean settled;
        private Handler<Throwable> exceptionHandler;
        private Handler<Void> endHandler;

        CutStream(ReadStream<Buffer> stream, ShardId id, long limit) {
            this.stream = stream;
            this.id = id;
            this.limit = limit;
            stream.exceptionHandler(this::failed);
            stream.endHandler(v -> {
                if (settle() && endHandler != null) endHandler.handle(null);
            });
        }

        private boolean settle() {
            if (settled) return false;
            settled = true;
            attached.decrementAndGet();
            return true;
        }

        private void failed(Throwable cause) {
            if (settle() && exceptionHandler != null) exceptionHandler.handle(cause);
        }

        @Override
        public ReadStream<Buffer> handler(Handler<Buffer> handler) {
            if (handler == null) {
                settle();
                stream.handler(null);
                return this;
            }
            stream.handler(data -> {
                if (settled) return;
                long room = limit - passed;
                Buffer part = data.length() <= room ? data : data.slice(0, (int) room);
                passed += part.length();
                delivered.addAndGet(part.length());
                if (part.length() > 0) handler.handle(part);
                if (passed >= limit && !settled) {
                    stream.handler(null);
                    failed(unavailable(id));
                }
            });
            return this;
        }

        @Override
        public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            exceptionHandler = handler;
            return this;
        }

        @Override
        public ReadStream<Buffer> endHandler(Handler<Void> handler) {
            endHandler = handler;
            return this;
        }

        @Override
        public ReadStream<Buffer> pause() {
            stream.pause();
            return this;
        }

        @Override
        public ReadStream<Buffer> resume() {
            stream.resume();
            return this;
        }

        @Override
        public ReadStream<Buffer> fetch(long amount) {
            stream.fetch(amount);
            return this;
        }
    }
}
