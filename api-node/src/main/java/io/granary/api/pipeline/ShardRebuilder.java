package io.granary.api.pipeline;

import io.granary.api.async.Pools;
import io.granary.datanode.ShardId;
import io.granary.datanode.ShardStore;
import io.granary.datanode.ShardWriter;
import io.granary.erasure.ChunkFrame;
import io.granary.erasure.CorruptChunkException;
import io.granary.erasure.ReedSolomon;
import io.granary.erasure.StripeLayout;
import io.granary.erasure.TooFewShardsException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * Rebuilds lost shards of one shard set from the survivors: stripe by stripe it pulls a frame from k
 * surviving shards (data shards first, falling back to another survivor when one fails or is corrupt),
 * reconstructs the lost chunks on the background pool (never ahead of client decodes), frames them and
 * streams them into the target writers, then commits the targets. The next stripe is read and decoded
 * while the previous one is written, so memory is a few stripes whatever the shard size. Event-loop
 * confined; one instance per rebuild.
 */
public final class ShardRebuilder {
    private final Pools pools;
    private final ReedSolomon codec;
    private final StripeLayout layout;
    private final String setId;
    private final long partSize;
    private final List<ShardStore> sources;
    private final Map<Integer, ShardWriter> targets;
    private final LongFunction<Future<Void>> pace;
    private final ShardCursor[] cursors;
    private final long[] cursorStripe;
    private final boolean[] failed;
    private long written;

    /**
     * @param sources store of each shard index to read from, null where unavailable; target indexes are
     *                never read
     * @param targets the writer of each index to rebuild, opened for {@code layout.shardLength(partSize)}
     * @param pace    asked before each stripe's bytes are written (rate limiting)
     */
    public ShardRebuilder(Pools pools, ReedSolomon codec, StripeLayout layout, String setId, long partSize,
            List<ShardStore> sources, Map<Integer, ShardWriter> targets, LongFunction<Future<Void>> pace) {
        this.pools = pools;
        this.codec = codec;
        this.layout = layout;
        this.setId = setId;
        this.partSize = partSize;
        this.sources = sources;
        this.targets = new TreeMap<>(targets);
        this.pace = pace;
        this.cursors = new ShardCursor[layout.totalShards()];
        this.cursorStripe = new long[layout.totalShards()];
        this.failed = new boolean[layout.totalShards()];
        for (int i = 0; i < failed.length; i++) {
            failed[i] = sources.get(i) == null || this.targets.containsKey(i);
        }
    }

    /**
     * Runs the rebuild. Completes with the bytes written to the targets once every one is committed;
     * on failure (fewer than k readable survivors, a target failing) every target is aborted.
     */
    public Future<Long> run() {
        return stripe(0, Future.succeededFuture()).compose(v -> commit()).onComplete(done -> {
            closeCursors();
            if (done.failed()) targets.values().forEach(writer -> writer.abort(done.cause()));
        });
    }

    /** Reads and decodes stripe {@code s} while the writes of stripe s-1 ({@code previous}) finish. */
    private Future<Void> stripe(long s, Future<Void> previous) {
        if (s == layout.stripeCount(partSize)) return previous;
        return gather(s, new ByteBuffer[layout.totalShards()])
                .compose(payloads -> pools.background(() -> rebuilt(s, payloads)))
                .compose(frames -> previous.compose(v -> pace.apply(frames.size() * (long) frames.get(0).length()))
                        .map(v -> write(frames)))
                .compose(writes -> stripe(s + 1, writes));
    }

    /** Payloads of k good survivors for stripe {@code s}, trying further survivors as others fail. */
    private Future<ByteBuffer[]> gather(long s, ByteBuffer[] payloads) {
        List<Integer> wanted = new ArrayList<>();
        int have = 0;
        for (ByteBuffer payload : payloads) {
            if (payload != null) have++;
        }
        for (int i = 0; i < failed.length && have + wanted.size() < layout.dataShards(); i++) {
            if (!failed[i] && payloads[i] == null) wanted.add(i);
        }
        if (have + wanted.size() < layout.dataShards()) {
            return Future.failedFuture(new TooFewShardsException(have, layout.dataShards()));
        }
        if (wanted.isEmpty()) return Future.succeededFuture(payloads);
        List<Future<ByteBuffer>> frames = new ArrayList<>();
        for (int shard : wanted) {
            frames.add(frame(shard, s));
        }
        return Future.join(frames).transform(ignored -> {
            for (int i = 0; i < wanted.size(); i++) {
                int shard = wanted.get(i);
                ByteBuffer payload = frames.get(i).succeeded() ? payload(frames.get(i).result(), s) : null;
                if (payload == null) {
                    failed[shard] = true;
                    if (cursors[shard] != null) cursors[shard].close();
                } else {
                    payloads[shard] = payload;
                }
            }
            return gather(s, payloads);
        });
    }

    private ByteBuffer payload(ByteBuffer frame, long s) {
        try {
            ByteBuffer payload = ChunkFrame.verify(frame.duplicate());
            return payload.remaining() == layout.chunkSize(partSize, s) ? payload : null;
        } catch (CorruptChunkException e) {
            return null;
        }
    }

    /** Runs on the background pool: the framed chunks of the target indexes for stripe {@code s}. */
    private List<Buffer> rebuilt(long s, ByteBuffer[] payloads) throws TooFewShardsException {
        int chunk = layout.chunkSize(partSize, s);
        boolean[] present = new boolean[payloads.length];
        ByteBuffer[] shards = new ByteBuffer[payloads.length];
        for (int i = 0; i < payloads.length; i++) {
            present[i] = payloads[i] != null;
            shards[i] = present[i] ? payloads[i] : ByteBuffer.allocate(chunk);
        }
        codec.reconstruct(shards, present);
        List<Buffer> frames = new ArrayList<>();
        for (int index : targets.keySet()) {
            frames.add(Buffers.wrap(ChunkFrame.frame(shards[index])));
        }
        return frames;
    }

    private Future<Void> write(List<Buffer> frames) {
        List<Future<Void>> writes = new ArrayList<>();
        int i = 0;
        for (ShardWriter writer : targets.values()) {
            Buffer frame = frames.get(i++);
            written += frame.length();
            writes.add(writer.write(frame));
        }
        return Future.all(writes).mapEmpty();
    }

    private Future<Long> commit() {
        List<Future<Void>> ends = new ArrayList<>();
        for (ShardWriter writer : targets.values()) {
            ends.add(writer.end());
        }
        return Future.all(ends).map(v -> written);
    }

    /** The frame of {@code shard} for stripe {@code s}, opening that shard's sequential read on first use. */
    private Future<ByteBuffer> frame(int shard, long s) {
        if (cursors[shard] == null) {
            long offset = layout.frameOffset(s);
            long length = layout.shardLength(partSize) - offset;
            return sources.get(shard).read(ShardId.of(setId, shard), offset, length).compose(stream -> {
                cursors[shard] = new ShardCursor(stream, 2L * layout.frameLength(partSize, 0));
                cursorStripe[shard] = s;
                return frame(shard, s);
            });
        }
        long at = cursorStripe[shard]++;
        Future<ByteBuffer> frame = cursors[shard].next(layout.frameLength(partSize, at));
        return at < s ? frame.compose(skipped -> frame(shard, s)) : frame;
    }

    private void closeCursors() {
        for (ShardCursor cursor : cursors) {
            if (cursor != null) cursor.close();
        }
    }
}
