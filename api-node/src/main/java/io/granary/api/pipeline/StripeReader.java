package io.granary.api.pipeline;

import io.granary.api.async.Pools;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.erasure.ReedSolomon;
import io.granary.erasure.StripeDecoder;
import io.granary.erasure.StripeLayout;
import io.granary.erasure.TooFewShardsException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The read side of GetObject: a {@link ReadStream} of the requested bytes of an object's parts, piped
 * to the response. Stripe by stripe it asks each part's {@link StripeDecoder} which shards to fetch
 * (the data chunks the range touches first) and reads them through the part's {@link PartFetch}, which
 * falls back to parity per stripe when a data shard is missing, cut off or corrupt. Up to
 * {@link #READ_AHEAD} stripes are read at once, across part boundaries, while the consumer wants more;
 * they are emitted in order. No new stripe is started while the consumer is paused, so however slow the
 * client, a GET holds at most {@code READ_AHEAD} stripes plus what its shard cursors queue (a frame and
 * the buffer that brought it, per shard). Fewer than k readable shards ends the stream with a 503, never
 * with wrong bytes. Removing the handler before the end (the pipe does so when the client goes away)
 * cancels the read and releases what it holds. Event-loop confined.
 */
public final class StripeReader implements ReadStream<Buffer> {
    /** Stripes being read, or read and waiting to be emitted, per GET besides the one being emitted. */
    static final int READ_AHEAD = 2;

    private final Pools pools;
    private final ReedSolomon codec;
    private final StripeLayout layout;
    private final List<PartRead> parts;
    private final BiConsumer<Integer, BitSet> damageReport;
    private final HeldMemory memory;

    private int partIndex = -1;
    /** The part stripes are started from; null before the first and after the last. */
    private PartFetch current;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private long held;

    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private Handler<Throwable> exceptionHandler;
    private boolean started;
    private boolean paused;
    private boolean pumping;
    private boolean pumpAgain;
    private boolean done;

    /** One stripe started: its part (index into {@code parts}) and its bytes to come. */
    private record InFlight(int partIndex, PartFetch part, Future<PartFetch.Fetched> stripe) {
    }

    /**
     * @param damageReport told, per part index, which shard indexes were missing or corrupt, so they
     *                     can be queued for healing; called once per damaged part
     * @param memory       where the bytes this read holds are counted
     */
    public StripeReader(Pools pools, ReedSolomon codec, StripeLayout layout, List<PartRead> parts,
            BiConsumer<Integer, BitSet> damageReport, HeldMemory memory) {
        this.pools = pools;
        this.codec = codec;
        this.layout = layout;
        this.parts = List.copyOf(parts);
        this.damageReport = damageReport;
        this.memory = memory;
    }

    /** Emits the stripes that are ready, in order, and starts more; re-entrant calls are folded into one. */
    private void pump() {
        if (pumping) {
            pumpAgain = true;
            return;
        }
        pumping = true;
        try {
            do {
                pumpAgain = false;
                step();
            } while (pumpAgain);
        } finally {
            pumping = false;
        }
    }

    private void step() {
        while (!done && !paused && handler != null) {
            // Top up first, so the next stripes are being read while this one goes out on the socket.
            startStripes();
            InFlight head = inFlight.peek();
            if (head == null) {
                finish(null);
                return;
            }
            if (!head.stripe().isComplete()) return;
            inFlight.poll();
            if (head.stripe().failed()) {
                finish(head.stripe().cause());
                return;
            }
            PartFetch.Fetched stripe = head.stripe().result();
            hold(-stripe.held());
            if (head.part() != current && (inFlight.isEmpty() || inFlight.peek().part() != head.part())) {
                closePart(head.partIndex(), head.part());
            }
            // READ_AHEAD stripes are read while this one is written and the client drains it.
            startStripes();
            for (ByteBuffer bytes : stripe.bytes()) {
                if (done) return;
                handler.handle(Buffers.wrap(bytes));
            }
        }
    }

    private void startStripes() {
        while (inFlight.size() < READ_AHEAD && nextPartIfNeeded()) {
            Future<PartFetch.Fetched> stripe = current.fetchNext();
            inFlight.add(new InFlight(partIndex, current, stripe));
            stripe.onComplete(result -> {
                if (done) {
                    if (result.succeeded()) hold(-result.result().held());
                } else {
                    pump();
                }
            });
        }
    }

    /** Makes {@code current} a part with stripes left to start, if there is one. */
    private boolean nextPartIfNeeded() {
        while (current == null || !current.hasNext()) {
            PartFetch exhausted = current;
            if (exhausted != null && inFlight.stream().noneMatch(stripe -> stripe.part() == exhausted)) {
                closePart(partIndex, exhausted);
            }
            current = null;
            if (partIndex + 1 == parts.size()) return false;
            PartRead part = parts.get(++partIndex);
            if (part.last() < part.first()) continue;
            // Stripes in flight ask for their frames ahead, so a cursor need not queue more than one.
            current = new PartFetch(pools, codec, layout, part, layout.frameLength(part.partSize(), 0), this::hold);
        }
        return true;
    }

    private void hold(long bytes) {
        long before = held;
        held += bytes;
        memory.changed(before, held);
    }

    private void finish(Throwable failure) {
        if (done) return;
        cancel();
        if (failure == null) {
            if (endHandler != null) endHandler.handle(null);
        } else if (exceptionHandler != null) {
            exceptionHandler.handle(failure instanceof TooFewShardsException e ? tooFewShards(e) : failure);
        }
    }

    /** Stops every read; stripes still in flight release what they hold when they settle. */
    private void cancel() {
        done = true;
        for (InFlight stripe : inFlight) {
            if (stripe.stripe().succeeded()) hold(-stripe.stripe().result().held());
        }
        for (InFlight stripe : inFlight) {
            if (stripe.part() != current) closePart(stripe.partIndex(), stripe.part());
        }
        inFlight.clear();
        if (current != null) closePart(partIndex, current);
        current = null;
    }

    private void closePart(int index, PartFetch part) {
        part.close();
        BitSet damaged = part.damaged();
        if (!damaged.isEmpty()) damageReport.accept(index, (BitSet) damaged.clone());
        damaged.clear();
    }

    /** Stripes read ahead and complete, waiting to be emitted (for tests). */
    int stripesReadAhead() {
        return (int) inFlight.stream().filter(stripe -> stripe.stripe().isComplete()).count();
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
        if (value == null) {
            // The consumer went away before the end (a client that closed the connection): nothing more is read.
            if (started && !done) cancel();
            return this;
        }
        started = true;
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
