package io.granary.api.pipeline;

import io.granary.api.async.Pools;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.datanode.ShardId;
import io.granary.datanode.ShardStore;
import io.granary.erasure.ReedSolomon;
import io.granary.erasure.StripeDecoder;
import io.granary.erasure.StripeLayout;
import io.granary.erasure.StripeRange;
import io.granary.erasure.StripeRead;
import io.granary.erasure.TooFewShardsException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The read side of GetObject: a {@link ReadStream} of the requested bytes of an object's parts, piped
 * to the response. Stripe by stripe it asks each part's {@link StripeDecoder} which shards to fetch
 * (the data chunks the range touches first), pulls their frames from one sequential read per shard
 * ({@link ShardCursor}), and falls back to parity only when a data shard is missing or corrupt, in
 * which case reconstruction runs on the codec pool. One stripe is in flight at a time and the next is
 * read only when the consumer wants more, so memory is a few frames per shard. Fewer than k readable
 * shards ends the stream with a 503, never with wrong bytes. Event-loop confined.
 */
public final class StripeReader implements ReadStream<Buffer> {
    private final Pools pools;
    private final ReedSolomon codec;
    private final StripeLayout layout;
    private final List<PartRead> parts;
    private final BiConsumer<Integer, BitSet> damageReport;

    private int partIndex = -1;
    private PartRead part;
    private List<StripeRange> ranges;
    private int rangeIndex;
    private StripeDecoder decoder;
    private ShardStore[] stores;
    /** Shards of the current part whose last-resort store (a node believed offline) has been tried. */
    private BitSet lastResortTried;
    private ShardCursor[] cursors;
    private long[] cursorStripe;
    /** Shards of the current part whose read could not even be opened: not retried every stripe. */
    private BitSet unopenable;
    private BitSet damaged;

    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private Handler<Throwable> exceptionHandler;
    private boolean paused;
    private boolean busy;
    private boolean done;

    /**
     * @param damageReport told, per part index, which shard indexes were missing or corrupt, so they
     *                     can be queued for healing; called once per damaged part
     */
    public StripeReader(Pools pools, ReedSolomon codec, StripeLayout layout, List<PartRead> parts,
            BiConsumer<Integer, BitSet> damageReport) {
        this.pools = pools;
        this.codec = codec;
        this.layout = layout;
        this.parts = List.copyOf(parts);
        this.damageReport = damageReport;
    }

    private void pump() {
        if (busy || paused || done || handler == null) return;
        if (ranges == null || rangeIndex == ranges.size()) {
            if (!nextPart()) {
                finish(null);
                return;
            }
        }
        busy = true;
        StripeRange range = ranges.get(rangeIndex++);
        fetch(decoder.read(range)).onComplete(result -> {
            busy = false;
            if (done) return;
            if (result.failed()) {
                finish(result.cause());
                return;
            }
            for (ByteBuffer bytes : result.result()) {
                handler.handle(Buffers.wrap(bytes));
            }
            pump();
        });
    }

    private boolean nextPart() {
        closePart();
        do {
            if (++partIndex == parts.size()) return false;
            part = parts.get(partIndex);
        } while (part.last() < part.first());
        decoder = new StripeDecoder(codec, layout, part.partSize());
        ranges = decoder.plan(part.first(), part.last());
        rangeIndex = 0;
        stores = part.stores().toArray(new ShardStore[0]);
        lastResortTried = new BitSet();
        cursors = new ShardCursor[layout.totalShards()];
        cursorStripe = new long[layout.totalShards()];
        unopenable = new BitSet();
        damaged = new BitSet();
        return !ranges.isEmpty() || nextPart();
    }

    private Future<List<ByteBuffer>> fetch(StripeRead read) {
        int[] wanted = read.shardsToFetch();
        if (wanted.length == 0) return !read.complete() && retryLastResort(read) ? fetch(read) : assemble(read);
        List<Future<ByteBuffer>> frames = new ArrayList<>();
        for (int shard : wanted) {
            frames.add(frame(shard, read.range().stripe()));
        }
        return Future.join(frames).transform(ignored -> {
            for (int i = 0; i < wanted.length; i++) {
                Future<ByteBuffer> frame = frames.get(i);
                if (read.offer(wanted[i], frame.succeeded() ? frame.result() : null)) {
                    damaged.clear(wanted[i]);
                } else {
                    damaged.set(wanted[i]);
                }
            }
            return read.complete() ? assemble(read) : fetch(read);
        });
    }

    /**
     * When the shards at hand are not enough, makes the unavailable ones whose node is only believed offline
     * fetchable from that node, once per part: better a try than a 503 while a health check lags behind a
     * node's return. Returns whether there is anything new to try.
     */
    private boolean retryLastResort(StripeRead read) {
        boolean any = false;
        for (int shard : read.unavailableShards().toArray(new Integer[0])) {
            ShardStore store = part.lastResort().get(shard);
            if (store == null || lastResortTried.get(shard)) continue;
            lastResortTried.set(shard);
            stores[shard] = store;
            unopenable.clear(shard);
            read.retry(shard);
            any = true;
        }
        return any;
    }

    private Future<List<ByteBuffer>> assemble(StripeRead read) {
        boolean degraded = !read.corruptShards().isEmpty() || !read.unavailableShards().isEmpty();
        try {
            // Without losses the bytes are views of the frames; with losses, decoding is codec work.
            return degraded ? pools.codec(read::bytes) : Future.succeededFuture(read.bytes());
        } catch (TooFewShardsException e) {
            return Future.failedFuture(tooFewShards(e));
        }
    }

    /** The frame of {@code shard} for {@code stripe}, opening or advancing that shard's cursor. */
    private Future<ByteBuffer> frame(int shard, long stripe) {
        ShardStore store = stores[shard];
        if (store == null || unopenable.get(shard)) return Future.failedFuture("shard " + shard + " unavailable");
        Future<ShardCursor> cursor;
        if (cursors[shard] == null) {
            long lastStripe = ranges.get(ranges.size() - 1).stripe();
            long offset = layout.frameOffset(stripe);
            long length = layout.frameOffset(lastStripe) + layout.frameLength(part.partSize(), lastStripe) - offset;
            cursor = store.read(ShardId.of(part.shardSetId(), shard), offset, length).map(stream -> {
                ShardCursor opened = new ShardCursor(stream, 2L * layout.frameLength(part.partSize(), 0));
                cursors[shard] = opened;
                cursorStripe[shard] = stripe;
                return opened;
            }).onFailure(e -> unopenable.set(shard));
        } else {
            cursor = Future.succeededFuture(cursors[shard]);
        }
        return cursor.compose(c -> skipTo(c, shard, stripe));
    }

    private Future<ByteBuffer> skipTo(ShardCursor cursor, int shard, long stripe) {
        long at = cursorStripe[shard]++;
        Future<ByteBuffer> frame = cursor.next(layout.frameLength(part.partSize(), at));
        return at < stripe ? frame.compose(skipped -> skipTo(cursor, shard, stripe)) : frame;
    }

    private void finish(Throwable failure) {
        if (done) return;
        done = true;
        closePart();
        if (failure == null) {
            if (endHandler != null) endHandler.handle(null);
        } else if (exceptionHandler != null) {
            exceptionHandler.handle(failure instanceof TooFewShardsException e ? tooFewShards(e) : failure);
        }
    }

    private void closePart() {
        if (cursors != null) {
            for (ShardCursor cursor : cursors) {
                if (cursor != null) cursor.close();
            }
        }
        if (damaged != null && !damaged.isEmpty()) damageReport.accept(partIndex, damaged);
        cursors = null;
        damaged = null;
    }

    private static S3Exception tooFewShards(TooFewShardsException e) {
        return S3Exception.of(S3Error.SERVICE_UNAVAILABLE, "Too few shards of this object are readable right now; "
                + "please retry.", e);
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> value) {
        this.exceptionHandler = value;
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> value) {
        this.handler = value;
        pump();
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        paused = true;
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        paused = false;
        pump();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        return amount > 0 ? resume() : this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> value) {
        this.endHandler = value;
        return this;
    }
}
