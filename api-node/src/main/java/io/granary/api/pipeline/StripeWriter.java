package io.granary.api.pipeline;

import io.granary.api.async.Pools;
import io.granary.datanode.ShardInfo;
import io.granary.datanode.ShardWriter;
import io.granary.erasure.EncodedStripe;
import io.granary.metadata.model.Sealing;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The write side of PutObject and UploadPart: a {@link WriteStream} the request body is piped into.
 * Body pieces are batched on the event loop until a stripe's worth is buffered, then handed in order
 * to the codec pool ({@link ObjectBody}: decode, digest, encode); each encoded stripe is fanned out to
 * the shard writers still alive, and released once every one of them has taken it. The queue is full
 * while more than {@code maxBufferedBytes} are buffered or in flight, so memory per upload is a few
 * stripes. Shards that fail are dropped; below the write quorum the upload fails with a 503.
 *
 * <p>Two phases, so nothing becomes durable before the body is known good: {@link #end()} (called by
 * the pipe) finishes the body and waits until every frame is written; the handler then checks the
 * digests and calls {@link #commit()} or {@link #abort}. Event-loop confined, except the codec tasks.
 */
public final class StripeWriter implements WriteStream<Buffer> {
    private final Pools pools;
    private final ObjectBody body;
    private final List<ShardWriter> writers;
    private final QuorumTracker quorum;
    private final long batchBytes;
    private final long maxBufferedBytes;
    private final ShardSet shardSet;
    private final HeldMemory memory;
    /** Stripes this upload holds, as last told to {@link #memory}. */
    private int stripesHeld;

    private List<Buffer> pending = new ArrayList<>();
    private long pendingBytes;
    private long bufferedBytes;
    private Future<Void> encoding = Future.succeededFuture();
    private final List<Future<Void>> frameWrites = new ArrayList<>();
    private Throwable failure;
    private Handler<Void> drainHandler;
    private Handler<Throwable> exceptionHandler;
    private boolean ended;
    private long received;
    private long limit = Long.MAX_VALUE;
    private Throwable overLimit;

    /**
     * @param writers one per shard index, in order; null where opening the shard already failed
     */
    StripeWriter(Pools pools, ObjectBody body, List<ShardWriter> writers, QuorumTracker quorum, int blockSize,
            ShardSet shardSet, HeldMemory memory) {
        this.pools = pools;
        this.body = body;
        this.writers = writers;
        this.quorum = quorum;
        this.batchBytes = blockSize;
        this.maxBufferedBytes = 3L * blockSize;
        this.shardSet = shardSet;
        this.memory = memory;
        for (int i = 0; i < writers.size(); i++) {
            if (writers.get(i) == null) quorum.fail(i, null);
        }
    }

    /**
     * Fails the upload with {@code tooLarge} as soon as more than {@code maxBytes} arrive: a body of
     * unknown length (HTTP-chunked) is refused while it streams, not after it was written whole.
     */
    public void limit(long maxBytes, Throwable tooLarge) {
        this.limit = maxBytes;
        this.overLimit = tooLarge;
    }

    @Override
    public Future<Void> write(Buffer data) {
        if (failure != null) return Future.failedFuture(failure);
        received += data.length();
        if (received > limit) {
            fail(overLimit);
            return Future.failedFuture(overLimit);
        }
        pending.add(data);
        pendingBytes += data.length();
        bufferedBytes += data.length();
        if (pendingBytes >= batchBytes) submit(false);
        account();
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
        if (ended) return Future.failedFuture(new IllegalStateException("stripe writer already ended"));
        ended = true;
        if (failure == null) submit(true);
        account();
        return encoding.compose(v -> Future.join(frameWrites)).transform(v -> failure == null
                ? Future.succeededFuture() : Future.failedFuture(failure));
    }

    /** The digests of the body; after {@link #end()} succeeded. */
    public PayloadDigests.Result digests() {
        return body.digests();
    }

    /** How the part is sealed (null: in clear); after {@link #end()} succeeded. */
    public Sealing sealing() {
        return body.sealing();
    }

    /** Bytes the shards hold between them before parity: the payload's length, or its sealed blocks'. */
    public long storedBytes() {
        return body.storedBytes();
    }

    /** Trailing headers of an aws-chunked body; after {@link #end()} succeeded. */
    public java.util.Map<String, String> trailers() {
        return body.trailers();
    }

    /**
     * Makes the shards durable. Succeeds with the committed shards (null where a shard failed) when
     * the write quorum still holds; otherwise fails with a 503 and the committed shards must be deleted
     * by the caller.
     */
    public Future<List<ShardInfo>> commit() {
        List<Future<ShardInfo>> commits = new ArrayList<>();
        for (int i = 0; i < writers.size(); i++) {
            int shard = i;
            ShardWriter writer = writers.get(i);
            commits.add(writer == null || !quorum.isAlive(i) ? Future.succeededFuture()
                    : writer.end().compose(v -> writer.committed()).onFailure(e -> quorum.fail(shard, e)));
        }
        return Future.join(commits).transform(ignored -> {
            if (!quorum.hasQuorum()) return Future.failedFuture(quorum.quorumLost());
            List<ShardInfo> infos = new ArrayList<>();
            for (Future<ShardInfo> commit : commits) {
                infos.add(commit.succeeded() ? commit.result() : null);
            }
            return Future.succeededFuture(infos);
        });
    }

    /** Discards every shard still being written; committed ones are the caller's to delete. */
    public void abort(Throwable cause) {
        if (failure == null) failure = cause;
        for (ShardWriter writer : writers) {
            if (writer != null) writer.abort(cause);
        }
        account();
    }

    /** Where the shards are written. */
    public ShardSet shardSet() {
        return shardSet;
    }

    public QuorumTracker quorum() {
        return quorum;
    }

    private void submit(boolean last) {
        List<Buffer> batch = pending;
        long bytes = pendingBytes;
        pending = new ArrayList<>();
        pendingBytes = 0;
        // Each upload's batches are chained: bytes must be decoded, digested and encoded in order.
        encoding = encoding.compose(v -> pools.codec(() -> {
            List<EncodedStripe> stripes = new ArrayList<>(body.ingest(batch));
            if (last) stripes.addAll(body.finish());
            return stripes;
        })).compose(stripes -> {
            dispatch(stripes, bytes);
            return Future.<Void>succeededFuture();
        }).onFailure(this::fail);
    }

    private void dispatch(List<EncodedStripe> stripes, long bytes) {
        List<Future<Void>> writes = new ArrayList<>();
        for (EncodedStripe stripe : stripes) {
            List<Future<Void>> stripeWrites = new ArrayList<>();
            for (int shard = 0; shard < writers.size(); shard++) {
                if (!quorum.isAlive(shard)) continue;
                int index = shard;
                stripeWrites.add(writers.get(shard).write(Buffers.wrap(stripe.frame(shard)))
                        .onFailure(e -> shardFailed(index, e)));
            }
            Future<Void> all = Future.join(stripeWrites).mapEmpty();
            all.onComplete(done -> stripe.release());
            writes.add(all);
        }
        Promise<Void> batchDone = Promise.promise();
        Future.join(writes).onComplete(done -> {
            bufferedBytes -= bytes;
            account();
            batchDone.complete();
            if (drainHandler != null && !writeQueueFull()) drainHandler.handle(null);
        });
        frameWrites.add(batchDone.future());
    }

    /**
     * Tells {@link #memory} how many stripes this upload holds: the bytes buffered or in flight, in
     * stripes, plus the one the encoder is filling; none once the upload failed or all is written.
     */
    private void account() {
        int held = failure != null || (ended && bufferedBytes == 0) ? 0
                : (int) ((bufferedBytes + batchBytes - 1) / batchBytes) + (ended ? 0 : 1);
        memory.changed(stripesHeld, held);
        stripesHeld = held;
    }

    private void shardFailed(int shard, Throwable cause) {
        ShardWriter writer = writers.get(shard);
        if (writer != null) writer.abort(cause);
        if (!quorum.fail(shard, cause)) fail(quorum.quorumLost());
    }

    private void fail(Throwable cause) {
        if (failure != null) return;
        abort(cause);
        if (exceptionHandler != null) exceptionHandler.handle(cause);
        // A pipe waiting for drain must wake up to see the failure on its next write.
        if (drainHandler != null) drainHandler.handle(null);
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return bufferedBytes >= maxBufferedBytes;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        this.drainHandler = handler;
        return this;
    }
}
