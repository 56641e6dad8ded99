package io.granary.erasure;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Reads byte ranges of one erasure-coded object back from its framed chunks. {@link #plan} maps a
 * range to per-stripe {@link StripeRead}s for callers that fetch shards themselves (asynchronously,
 * in parallel); {@link #read} is the synchronous loop over them for a {@link FrameSource}. Both work
 * one stripe at a time, so memory is bounded by a stripe's frames, never by the object.
 */
public final class StripeDecoder {
    private final ReedSolomon codec;
    private final StripeLayout layout;
    private final long objectLength;

    public StripeDecoder(ReedSolomon codec, StripeLayout layout, long objectLength) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.layout = Objects.requireNonNull(layout, "layout");
        if (codec.dataShards() != layout.dataShards() || codec.parityShards() != layout.parityShards()) {
            throw new IllegalArgumentException("codec is " + codec.dataShards() + "+" + codec.parityShards()
                    + " but layout is " + layout.dataShards() + "+" + layout.parityShards());
        }
        layout.stripeCount(objectLength);
        this.objectLength = objectLength;
    }

    /** The stripes object bytes {@code first}..{@code last} (inclusive) need, in order. */
    public List<StripeRange> plan(long first, long last) {
        return layout.ranges(objectLength, first, last);
    }

    /** A fresh read of one planned stripe. */
    public StripeRead read(StripeRange range) {
        return new StripeRead(codec, range);
    }

    /**
     * Delivers object bytes {@code first}..{@code last} (inclusive) to {@code out} in order, pulling
     * frames from {@code source}. Each buffer given to {@code out} is valid only during the call.
     *
     * @throws TooFewShardsException if a stripe has fewer than k valid shards
     */
    public ReadReport read(long first, long last, FrameSource source, Consumer<ByteBuffer> out)
            throws TooFewShardsException {
        Set<Integer> corrupt = new TreeSet<>();
        Set<Integer> unavailable = new TreeSet<>();
        long delivered = 0;
        for (StripeRange range : plan(first, last)) {
            StripeRead stripe = read(range);
            for (int[] fetch = stripe.shardsToFetch(); fetch.length > 0; fetch = stripe.shardsToFetch()) {
                for (int shard : fetch) {
                    stripe.offer(shard, source.frame(shard, range.stripe()));
                }
            }
            List<ByteBuffer> bytes = stripe.bytes();
            corrupt.addAll(stripe.corruptShards());
            unavailable.addAll(stripe.unavailableShards());
            for (ByteBuffer piece : bytes) {
                delivered += piece.remaining();
                out.accept(piece);
            }
        }
        return new ReadReport(delivered, corrupt, unavailable);
    }
}
