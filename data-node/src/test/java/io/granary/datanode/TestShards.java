package io.granary.datanode;

import io.granary.erasure.ChunkFrame;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Shard contents and blocking helpers for tests (which may block; event loops never do). */
final class TestShards {
    static final Duration WAIT = Duration.ofSeconds(60);

    private TestShards() {
    }

    /** {@code frames} frames of {@code payload} bytes, the last one holding {@code lastPayload}. */
    static byte[] framed(int frames, int payload, int lastPayload, long seed) {
        Random random = new Random(seed);
        ByteBuffer out = ByteBuffer.allocate((frames - 1) * ChunkFrame.frameSize(payload)
                + (frames > 0 ? ChunkFrame.frameSize(lastPayload) : 0));
        for (int i = 0; i < frames; i++) {
            byte[] data = new byte[i == frames - 1 ? lastPayload : payload];
            random.nextBytes(data);
            ChunkFrame.write(ByteBuffer.wrap(data), out);
        }
        return out.array();
    }

    static ShardId newId(int index) {
        return ShardId.of(ShardId.randomSetId(), index);
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ShardStoreException awaitFailure(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ShardStoreException s) return s;
            throw new AssertionError("expected a ShardStoreException, got " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("expected a failure, but it succeeded");
    }

    /** All bytes of a stream, or its failure. */
    static Future<Buffer> readAll(ReadStream<Buffer> stream) {
        Promise<Buffer> promise = Promise.promise();
        Buffer all = Buffer.buffer();
        stream.exceptionHandler(promise::tryFail);
        stream.endHandler(v -> promise.tryComplete(all));
        stream.handler(all::appendBuffer);
        return promise.future();
    }

    /** Writes {@code bytes} as shard {@code id} from a paced in-memory stream of {@code chunk}-byte buffers. */
    static Future<ShardInfo> writeFrom(io.vertx.core.Vertx vertx, ShardStore store, ShardId id, long declared,
                                       byte[] bytes, int chunk) {
        List<Buffer> pieces = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += chunk) {
            pieces.add(Buffer.buffer().appendBytes(bytes, at, Math.min(chunk, bytes.length - at)));
        }
        return store.write(id, declared, new IteratorReadStream(vertx.getOrCreateContext(), pieces.iterator()));
    }

    static Future<ShardInfo> writeFrom(io.vertx.core.Vertx vertx, ShardStore store, ShardId id, byte[] bytes) {
        return writeFrom(vertx, store, id, bytes.length, bytes, 64 * 1024);
    }

    static Future<Buffer> read(ShardStore store, ShardId id, long offset, long length) {
        return store.read(id, offset, length).compose(TestShards::readAll);
    }

    /** Polls {@code condition} until it holds or {@link #WAIT} passes, then asserts it (no fixed sleep). */
    static void eventually(String what, java.util.function.BooleanSupplier condition) {
        org.awaitility.Awaitility.await(what).atMost(WAIT).pollInterval(java.time.Duration.ofMillis(10))
                .until(condition::getAsBoolean);
    }
}
