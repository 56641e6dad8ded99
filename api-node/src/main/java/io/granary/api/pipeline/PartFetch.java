package io.granary.api.pipeline;

import io.granary.api.async.Pools;
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
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shard reads of one part of a GET, shared by every stripe of the part in flight. Per shard there is
 * one sequential read ({@link ShardCursor}) from the first stripe asked for to the part's last planned
 * stripe; stripes take their frames from it in stripe order, frames in between are skipped, and a frame
 * behind the cursor (a late parity fallback) is read on its own. Each stripe fails over by itself, as
 * {@link StripeRead} directs: a shard that fails (dead node, cut stream, bad CRC) costs that stripe a
 * parity read, and every later stripe asking it fails at once, since a broken cursor never serves again.
 * A node believed offline is tried as a last resort when the others are not enough; once one stripe has
 * turned to it, every stripe in flight may too (each at most once per shard), so a stripe that had
 * already given up on that shard before the switch does not end the GET.
 *
 * <p>Memory is told to {@code held}: frames arriving in cursors, less frames skipped; a fetched stripe
 * reports the frame bytes it still holds ({@link Fetched#held()}), for its consumer to release.
 * Event-loop confined.
 */
final class PartFetch {
    private static final Logger LOG = LoggerFactory.getLogger(PartFetch.class);
    private final Pools pools;
    private final StripeLayout layout;
    private final PartRead part;
    private final StripeDecoder decoder;
    private final List<StripeRange> ranges;
    private final long highWater;
    private final LongConsumer held;
    private int next;
    private final ShardStore[] stores;
    /** Shards now read from their last-resort store (a node believed offline). */
    private final BitSet lastResort = new BitSet();
    private final ShardCursor[] cursors;
    /** Per shard, the stripe whose frame its cursor serves next. */
    private final long[] cursorStripe;
    /** Shards whose read could not even be opened: not retried every stripe. */
    private final BitSet unopenable = new BitSet();
    /** Per unopenable shard, why. */
    private final String[] openFailure;
    private final BitSet damaged = new BitSet();
    /** Per shard, the latest stripe whose result set or cleared its damage bit, so late completions do not. */
    private final long[] damageStripe;
    /** Per shard, why its latest frame was not used (null: it was), for the log of a stripe that cannot decode. */
    private final String[] unusable;

    /** One stripe's bytes and the frame bytes behind them that are held until the bytes are written. */
    record Fetched(List<ByteBuffer> bytes, long held) {
    }

    /**
     * @param highWater bytes a shard cursor may queue before pausing its stream
     * @param held      told every change, in bytes, of what this part holds
     */
    PartFetch(Pools pools, ReedSolomon codec, StripeLayout layout, PartRead part, long highWater, LongConsumer held) {
        this.pools = pools;
        this.layout = layout;
        this.part = part;
        this.decoder = new StripeDecoder(codec, layout, part.partSize());
        this.ranges = decoder.plan(part.first(), part.last());
        this.highWater = highWater;
        this.held = held;
        this.stores = part.stores().toArray(new ShardStore[0]);
        this.cursors = new ShardCursor[layout.totalShards()];
        this.cursorStripe = new long[layout.totalShards()];
        this.damageStripe = new long[layout.totalShards()];
        Arrays.fill(damageStripe, -1);
        this.unusable = new String[layout.totalShards()];
        this.openFailure = new String[layout.totalShards()];
    }

    /** Whether planned stripes are left to fetch. */
    boolean hasNext() {
        return next < ranges.size();
    }

    /** Starts reading the next planned stripe. */
    Future<Fetched> fetchNext() {
        return new StripeFetch(decoder.read(ranges.get(next++))).fetch();
    }

    /** Shards found missing or corrupt (as of the latest stripe that read each), for healing. */
    BitSet damaged() {
        return damaged;
    }

    /** Stops every shard read of the part; frames still asked for fail. */
    void close() {
        for (ShardCursor cursor : cursors) {
            if (cursor != null) cursor.close();
        }
    }

    /** The read of one stripe: its frames, its fail-over, and what it holds. */
    private final class StripeFetch {
        private final StripeRead read;
        private final long stripe;
        /** Shards this stripe has already retried at a last-resort store. */
        private final BitSet retried = new BitSet();
        private long taken;

        StripeFetch(StripeRead read) {
            this.read = read;
            this.stripe = read.range().stripe();
        }

        Future<Fetched> fetch() {
            int[] wanted = read.shardsToFetch();
            if (wanted.length == 0) return !read.complete() && retryLastResort() ? fetch() : assemble();
            List<Future<ByteBuffer>> frames = new ArrayList<>();
            for (int shard : wanted) {
                frames.add(frame(shard, stripe));
            }
            return Future.join(frames).transform(ignored -> {
                for (int i = 0; i < wanted.length; i++) {
                    Future<ByteBuffer> frame = frames.get(i);
                    if (frame.succeeded()) taken += frame.result().remaining();
                    boolean used = read.offer(wanted[i], frame.succeeded() ? frame.result() : null);
                    unusable[wanted[i]] = used ? null
                            : frame.succeeded() ? "corrupt frame" : frame.cause().getMessage();
                    noteDamage(wanted[i], !used);
                }
                return read.complete() ? assemble() : fetch();
            });
        }

        /** Makes the shards this stripe could not fetch fetchable again from a last-resort store, once each. */
        private boolean retryLastResort() {
            boolean any = false;
            for (int shard : read.unavailableShards().toArray(new Integer[0])) {
                if (retried.get(shard) || !turnToLastResort(shard)) continue;
                retried.set(shard);
                read.retry(shard);
                any = true;
            }
            return any;
        }

        private Future<Fetched> assemble() {
            boolean degraded = !read.corruptShards().isEmpty() || !read.unavailableShards().isEmpty();
            Future<List<ByteBuffer>> bytes;
            try {
                // Without losses the bytes are views of the frames; with losses, decoding is codec work.
                bytes = degraded ? pools.codec(read::bytes) : Future.succeededFuture(read.bytes());
            } catch (TooFewShardsException e) {
                bytes = Future.failedFuture(e);
            }
            return bytes.transform(done -> {
                if (done.succeeded()) return Future.succeededFuture(new Fetched(done.result(), taken));
                if (done.cause() instanceof TooFewShardsException) {
                    // Which shard failed how: what tells a lost shard from a busy or restarting node.
                    LOG.warn("stripe {} of shard set {} cannot be decoded ({}): {}", stripe, part.shardSetId(),
                            done.cause().getMessage(), unusableShards());
                }
                held.accept(-taken);
                return Future.failedFuture(done.cause());
            });
        }

        private void noteDamage(int shard, boolean bad) {
            if (stripe < damageStripe[shard]) return;
            damageStripe[shard] = stripe;
            damaged.set(shard, bad);
        }
    }

    private String unusableShards() {
        StringBuilder out = new StringBuilder();
        for (int shard = 0; shard < unusable.length; shard++) {
            if (unusable[shard] == null) continue;
            out.append(out.isEmpty() ? "" : "; ").append("shard ").append(shard).append(": ")
                    .append(unusable[shard]);
        }
        return out.toString();
    }

    /**
     * Whether {@code shard} is (now) read from its last-resort store: switches to it the first time; a
     * health check may lag behind a node's return, and better a try than a 503.
     */
    private boolean turnToLastResort(int shard) {
        if (lastResort.get(shard)) return true;
        ShardStore store = part.lastResort().get(shard);
        if (store == null) return false;
        lastResort.set(shard);
        if (cursors[shard] != null) cursors[shard].close();
        cursors[shard] = null;
        stores[shard] = store;
        unopenable.clear(shard);
        return true;
    }

    /** The frame of {@code shard} for {@code stripe}, opening or advancing that shard's cursor. */
    private Future<ByteBuffer> frame(int shard, long stripe) {
        ShardStore store = stores[shard];
        if (store == null) return Future.failedFuture("its node is offline or unknown");
        if (unopenable.get(shard)) return Future.failedFuture("its read did not open: " + openFailure[shard]);
        if (cursors[shard] == null) {
            long lastStripe = ranges.get(ranges.size() - 1).stripe();
            cursors[shard] = open(store, shard, stripe, lastStripe, failed -> {
                if (stores[shard] != store) return;
                unopenable.set(shard);
                openFailure[shard] = failed.getMessage();
            });
            cursorStripe[shard] = stripe;
        } else if (stripe < cursorStripe[shard]) {
            ShardCursor single = open(store, shard, stripe, stripe, failed -> { });
            return single.next(layout.frameLength(part.partSize(), stripe)).onComplete(read -> single.close());
        }
        Future<ByteBuffer> frame = null;
        while (cursorStripe[shard] <= stripe) {
            long at = cursorStripe[shard]++;
            frame = cursors[shard].next(layout.frameLength(part.partSize(), at));
            if (at < stripe) frame.onSuccess(skipped -> held.accept(-skipped.remaining()));
        }
        return frame;
    }

    /** A cursor over the frames of stripes {@code first..last} of {@code shard}. */
    private ShardCursor open(ShardStore store, int shard, long first, long last,
            Handler<Throwable> openFailed) {
        long offset = layout.frameOffset(first);
        long length = layout.frameOffset(last) + layout.frameLength(part.partSize(), last) - offset;
        return new ShardCursor(store.read(ShardId.of(part.shardSetId(), shard), offset, length)
                .onFailure(openFailed), highWater, held);
    }
}
