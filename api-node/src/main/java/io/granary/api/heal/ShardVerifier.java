package io.granary.api.heal;

import io.granary.datanode.ShardId;
import io.granary.datanode.ShardStore;
import io.granary.datanode.ShardStoreException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks one shard on its node by reading all of it: the data node verifies every frame's CRC32C as it
 * streams (a bad frame ends the stream with {@code CORRUPT}), and the length must be the one the layout
 * implies. Bytes are counted and discarded as they arrive and the stream is paused whenever the rate
 * limiter asks to wait, so memory stays at one read-ahead batch per shard whatever its size.
 */
final class ShardVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(ShardVerifier.class);

    /** What a check found. */
    enum Outcome {
        GOOD,
        /** A frame failed its checksum or the shard's length or framing is not what the layout says. */
        CORRUPT,
        MISSING,
        /** The node answered with some other error (unavailable, disk error): nothing is known. */
        FAILED;

        /** The shard must be rebuilt. */
        boolean damaged() {
            return this == CORRUPT || this == MISSING;
        }
    }

    private final ByteRateLimiter limiter;

    ShardVerifier(ByteRateLimiter limiter) {
        this.limiter = limiter;
    }

    /**
     * Reads shard {@code id} of {@code expectedLength} bytes from {@code store}; never fails, the outcome
     * says what happened. {@code bytesRead} is told of every buffer read.
     */
    Future<Outcome> verify(ShardStore store, ShardId id, long expectedLength, LongConsumer bytesRead) {
        return store.stat(id).compose(info -> {
            if (info.length() != expectedLength) {
                LOG.warn("shard {} is {} bytes, its layout says {}", id, info.length(), expectedLength);
                return Future.succeededFuture(Outcome.CORRUPT);
            }
            return store.read(id, 0, expectedLength).compose(stream -> drain(stream, bytesRead))
                    .map(read -> read == expectedLength ? Outcome.GOOD : shortRead(id, read, expectedLength));
        }).recover(failure -> Future.succeededFuture(classify(id, failure)));
    }

    /** Only whether shard {@code id} is there with the length its layout implies (a stat, no read). */
    static Future<Outcome> present(ShardStore store, ShardId id, long expectedLength) {
        return store.stat(id).map(info -> info.length() == expectedLength ? Outcome.GOOD : Outcome.CORRUPT)
                .recover(failure -> Future.succeededFuture(classify(id, failure)));
    }

    /**
     * Counts and drops every buffer, pausing after each until the limiter has paid for it; the data node
     * reads ahead a batch of frames, so the shard ends only once the last batch is paid for too.
     */
    private Future<Long> drain(ReadStream<Buffer> stream, LongConsumer bytesRead) {
        Promise<Long> done = Promise.promise();
        long[] total = {0};
        AtomicReference<Future<Void>> lastPermit = new AtomicReference<>(Future.succeededFuture());
        stream.exceptionHandler(done::tryFail);
        stream.endHandler(v -> lastPermit.get().onComplete(paid -> done.tryComplete(total[0])));
        stream.handler(buffer -> {
            total[0] += buffer.length();
            bytesRead.accept(buffer.length());
            Future<Void> permit = limiter.acquire(buffer.length());
            lastPermit.set(permit);
            if (!permit.isComplete()) {
                stream.pause();
                permit.onComplete(v -> stream.resume());
            }
        });
        return done.future();
    }

    private static Outcome shortRead(ShardId id, long read, long expected) {
        LOG.warn("shard {} streamed {} bytes, its layout says {}", id, read, expected);
        return Outcome.CORRUPT;
    }

    private static Outcome classify(ShardId id, Throwable failure) {
        ShardStoreException e = ShardStoreException.of("check of shard " + id, failure);
        Outcome outcome = switch (e.kind()) {
            // The length matched, so a whole-shard range the framing refuses means a damaged frame header.
            case CORRUPT, INVALID_ARGUMENT -> Outcome.CORRUPT;
            case NOT_FOUND -> Outcome.MISSING;
            case ALREADY_EXISTS, NO_SPACE, IO_ERROR, UNAVAILABLE, FORBIDDEN -> Outcome.FAILED;
        };
        LOG.warn("check of shard {}: {} ({})", id, outcome, e.getMessage());
        return outcome;
    }
}
