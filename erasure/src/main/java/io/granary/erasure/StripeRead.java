package io.granary.erasure;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Reading one stripe's part of a byte range: the caller fetches the frames {@link #shardsToFetch()}
 * names, {@link #offer}s each (or null when a shard could not be fetched), repeats until
 * {@link #complete()} or nothing is left to fetch, then takes {@link #bytes()}. Only the data chunks
 * the range touches are asked for first; parity is asked for only after one of them fails. Every
 * frame is CRC32C-checked on offer, and a corrupt one counts exactly like a missing one and is
 * listed in {@link #corruptShards()} for healing. Not thread-safe.
 */
public final class StripeRead {
    private final ReedSolomon codec;
    private final StripeRange range;
    private final ByteBuffer[] payloads;
    private final boolean[] tried;
    private final Set<Integer> corrupt = new TreeSet<>();
    private final Set<Integer> unavailable = new TreeSet<>();
    private int valid;

    StripeRead(ReedSolomon codec, StripeRange range) {
        this.codec = codec;
        this.range = range;
        this.payloads = new ByteBuffer[codec.totalShards()];
        this.tried = new boolean[codec.totalShards()];
    }

    public StripeRange range() {
        return range;
    }

    /**
     * Shards worth fetching now: the untried data chunks of the range while all of them may still
     * succeed, otherwise as many untried shards as are needed to reach k valid ones (data first).
     * Empty when the read is complete or no untried shard is left.
     */
    public int[] shardsToFetch() {
        if (complete()) return new int[0];
        boolean neededFailed = IntStream.rangeClosed(range.firstChunk(), range.lastChunk())
                .anyMatch(c -> tried[c] && payloads[c] == null);
        if (!neededFailed) {
            return IntStream.rangeClosed(range.firstChunk(), range.lastChunk()).filter(c -> !tried[c]).toArray();
        }
        return IntStream.range(0, payloads.length).filter(i -> !tried[i]).limit(codec.dataShards() - valid)
                .toArray();
    }

    /**
     * Takes the framed chunk of {@code shard} at {@code frame}'s position (null: it could not be
     * fetched). Returns true when the frame is valid; a frame that fails its CRC32C, or whose payload
     * is not the stripe's chunk size, is recorded as corrupt and ignored. {@code frame} is not moved,
     * and valid payloads are used in place, so the caller must not change it until the read is done.
     */
    public boolean offer(int shard, ByteBuffer frame) {
        if (shard < 0 || shard >= payloads.length) {
            throw new IllegalArgumentException("shard index " + shard + " outside 0.." + (payloads.length - 1));
        }
        if (tried[shard]) throw new IllegalArgumentException("shard " + shard + " was already offered");
        tried[shard] = true;
        if (frame == null) {
            unavailable.add(shard);
            return false;
        }
        try {
            ByteBuffer payload = ChunkFrame.verify(frame.duplicate());
            if (payload.remaining() != range.chunkSize()) {
                throw new CorruptChunkException("chunk holds " + payload.remaining() + " bytes, stripe needs "
                        + range.chunkSize());
            }
            payloads[shard] = payload;
            valid++;
            return true;
        } catch (CorruptChunkException e) {
            corrupt.add(shard);
            return false;
        }
    }

    /** True when the range's bytes can be produced from the valid frames offered so far. */
    public boolean complete() {
        return neededPresent() || valid >= codec.dataShards();
    }

    /**
     * The range's bytes, in order, as views of the offered payloads or of reconstructed chunks.
     *
     * @throws TooFewShardsException if fewer than k valid shards were offered and a needed data chunk is missing
     */
    public List<ByteBuffer> bytes() throws TooFewShardsException {
        if (!neededPresent()) {
            reconstruct();
        }
        List<ByteBuffer> bytes = new ArrayList<>();
        for (ChunkRange chunk : range.chunks()) {
            ByteBuffer payload = payloads[chunk.chunk()].duplicate();
            payload.position(payload.position() + chunk.offset()).limit(payload.position() + chunk.length());
            bytes.add(payload.slice());
        }
        return bytes;
    }

    /** Shards whose frame failed its checks, for the heal queue. */
    public Set<Integer> corruptShards() {
        return corrupt;
    }

    /**
     * Makes shard {@code shard}, offered as null before, fetchable again: for a last-resort source (a node
     * believed offline) when the others were not enough. A shard that came back corrupt stays corrupt.
     */
    public void retry(int shard) {
        if (!unavailable.remove(shard)) {
            throw new IllegalArgumentException("shard " + shard + " was not offered as unavailable");
        }
        tried[shard] = false;
    }

    /** Shards offered as null (could not be fetched). */
    public Set<Integer> unavailableShards() {
        return unavailable;
    }

    private boolean neededPresent() {
        for (int c = range.firstChunk(); c <= range.lastChunk(); c++) {
            if (payloads[c] == null) return false;
        }
        return true;
    }

    private void reconstruct() throws TooFewShardsException {
        if (valid < codec.dataShards()) {
            throw new TooFewShardsException(valid, codec.dataShards());
        }
        boolean[] present = new boolean[payloads.length];
        for (int i = 0; i < payloads.length; i++) {
            present[i] = payloads[i] != null;
            if (!present[i] && i < codec.dataShards()) {
                payloads[i] = ByteBuffer.allocate(range.chunkSize());
            }
        }
        codec.reconstructData(payloads, present);
        for (int i = 0; i < codec.dataShards(); i++) {
            if (!present[i]) valid++;
        }
    }
}
