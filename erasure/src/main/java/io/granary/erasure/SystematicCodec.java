package io.granary.erasure;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * What both codecs share: argument checks, the encoding matrix, the per-loss-pattern cache of
 * decoding matrices, and the mapping of {@code byte[]} and {@code ByteBuffer} shards onto a
 * {@link RowMultiplier}, which is the only part that differs between implementations. Buffers
 * without an accessible array (direct or read-only) are staged through small heap blocks so the
 * multipliers only ever see arrays.
 */
abstract sealed class SystematicCodec implements ReedSolomon permits ScalarReedSolomon, VectorReedSolomon {
    /** Staging block for buffers without an array: small enough to stay in L2 with all shards. */
    private static final int STAGING_BLOCK = 32 * 1024;
    /** Loss patterns kept; C(6,4) = 15 for 4+2, and wide codes are cleared rather than grown. */
    private static final int DECODER_CACHE_LIMIT = 4096;

    private final int dataShards;
    private final int parityShards;
    private final Matrix matrix;
    private final Function<byte[][], RowMultiplier> multipliers;
    private final RowMultiplier parityMultiplier;
    private final Map<DecodeKey, Decoder> decoders = new ConcurrentHashMap<>();

    SystematicCodec(int dataShards, int parityShards, Function<byte[][], RowMultiplier> multipliers) {
        if (dataShards < 1) {
            throw new IllegalArgumentException("data shards must be at least 1, got " + dataShards);
        }
        if (parityShards < 1) {
            throw new IllegalArgumentException("parity shards must be at least 1, got " + parityShards);
        }
        if (dataShards + parityShards > MAX_TOTAL_SHARDS) {
            throw new IllegalArgumentException("data + parity shards must be at most " + MAX_TOTAL_SHARDS
                    + ", got " + dataShards + " + " + parityShards);
        }
        this.dataShards = dataShards;
        this.parityShards = parityShards;
        this.matrix = Matrix.encoding(dataShards, parityShards);
        this.multipliers = multipliers;
        this.parityMultiplier = multipliers.apply(matrix.selectRows(dataShards, dataShards + parityShards).toArray());
    }

    @Override
    public int dataShards() {
        return dataShards;
    }

    @Override
    public int parityShards() {
        return parityShards;
    }

    /** The (k+m)×k encoding matrix. */
    public Matrix matrix() {
        return matrix;
    }

    @Override
    public void encode(byte[][] shards) {
        requireCount(shards, totalShards(), "shards");
        encode(shards, 0, commonLength(shards, "shard"));
    }

    @Override
    public void encode(byte[][] shards, int offset, int length) {
        requireCount(shards, totalShards(), "shards");
        for (int i = 0; i < shards.length; i++) {
            requireArray(shards[i], i);
            if (offset < 0 || length < 0 || offset > shards[i].length - length) {
                throw new IllegalArgumentException("range [" + offset + ", " + offset + "+" + length
                        + ") is outside shard " + i + " of " + shards[i].length + " bytes");
            }
        }
        parityMultiplier.multiply(Arrays.copyOfRange(shards, 0, dataShards), filled(dataShards, offset),
                Arrays.copyOfRange(shards, dataShards, totalShards()), filled(parityShards, offset), length);
    }

    @Override
    public void encode(ByteBuffer[] shards) {
        requireCount(shards, totalShards(), "shards");
        encode(Arrays.copyOfRange(shards, 0, dataShards), Arrays.copyOfRange(shards, dataShards, totalShards()));
    }

    @Override
    public void encode(ByteBuffer[] data, ByteBuffer[] parity) {
        requireCount(data, dataShards, "data shards");
        requireCount(parity, parityShards, "parity shards");
        int length = commonRemaining(data, "data shard", -1);
        commonRemaining(parity, "parity shard", length);
        requireWritable(parity, "parity shard");
        multiplyBuffers(parityMultiplier, data, parity, length);
    }

    @Override
    public boolean verify(byte[][] shards) {
        requireCount(shards, totalShards(), "shards");
        int length = commonLength(shards, "shard");
        byte[][] computed = new byte[parityShards][length];
        parityMultiplier.multiply(Arrays.copyOfRange(shards, 0, dataShards), filled(dataShards, 0),
                computed, filled(parityShards, 0), length);
        for (int p = 0; p < parityShards; p++) {
            if (!Arrays.equals(computed[p], shards[dataShards + p])) return false;
        }
        return true;
    }

    @Override
    public boolean verify(ByteBuffer[] shards) {
        requireCount(shards, totalShards(), "shards");
        int length = commonRemaining(shards, "shard", -1);
        ByteBuffer[] computed = new ByteBuffer[parityShards];
        Arrays.setAll(computed, p -> ByteBuffer.allocate(length));
        multiplyBuffers(parityMultiplier, Arrays.copyOfRange(shards, 0, dataShards), computed, length);
        for (int p = 0; p < parityShards; p++) {
            if (computed[p].mismatch(shards[dataShards + p]) != -1) return false;
        }
        return true;
    }

    @Override
    public void reconstruct(byte[][] shards) throws TooFewShardsException {
        rebuildArrays(shards, false);
    }

    @Override
    public void reconstructData(byte[][] shards) throws TooFewShardsException {
        rebuildArrays(shards, true);
    }

    @Override
    public void reconstruct(ByteBuffer[] shards, boolean[] present) throws TooFewShardsException {
        rebuildBuffers(shards, present, false);
    }

    @Override
    public void reconstructData(ByteBuffer[] shards, boolean[] present) throws TooFewShardsException {
        rebuildBuffers(shards, present, true);
    }

    private void rebuildArrays(byte[][] shards, boolean dataOnly) throws TooFewShardsException {
        requireCount(shards, totalShards(), "shards");
        BitSet present = new BitSet(totalShards());
        int length = -1;
        for (int i = 0; i < shards.length; i++) {
            if (shards[i] == null) continue;
            present.set(i);
            length = requireSize(shards[i].length, length, "shard " + i);
        }
        Decoder decoder = decoder(present);
        int[] outputs = decoder.outputs(dataOnly);
        if (outputs.length == 0) return;
        byte[][] out = new byte[outputs.length][];
        for (int o = 0; o < outputs.length; o++) {
            out[o] = new byte[length];
            shards[outputs[o]] = out[o];
        }
        decoder.multiplier(dataOnly).multiply(pick(shards, decoder.inputs()), filled(dataShards, 0),
                out, filled(outputs.length, 0), length);
    }

    private void rebuildBuffers(ByteBuffer[] shards, boolean[] present, boolean dataOnly)
            throws TooFewShardsException {
        requireCount(shards, totalShards(), "shards");
        if (present == null || present.length != totalShards()) {
            throw new IllegalArgumentException("present flags must have " + totalShards() + " entries, got "
                    + (present == null ? "null" : present.length));
        }
        BitSet presentSet = new BitSet(totalShards());
        int length = -1;
        for (int i = 0; i < shards.length; i++) {
            if (!present[i]) continue;
            if (shards[i] == null) throw new IllegalArgumentException("shard " + i + " is present but null");
            presentSet.set(i);
            length = requireSize(shards[i].remaining(), length, "shard " + i);
        }
        Decoder decoder = decoder(presentSet);
        int[] outputs = decoder.outputs(dataOnly);
        if (outputs.length == 0) return;
        ByteBuffer[] out = pick(shards, outputs);
        for (int o = 0; o < outputs.length; o++) {
            if (out[o] == null) throw new IllegalArgumentException("shard " + outputs[o] + " is missing but null");
            if (out[o].isReadOnly()) throw new IllegalArgumentException("shard " + outputs[o] + " is read-only");
            requireSize(out[o].remaining(), length, "shard " + outputs[o]);
        }
        multiplyBuffers(decoder.multiplier(dataOnly), pick(shards, decoder.inputs()), out, length);
    }

    /** The cached decoder for a loss pattern, building it on first use. */
    private Decoder decoder(BitSet present) throws TooFewShardsException {
        int available = present.cardinality();
        if (available < dataShards) {
            throw new TooFewShardsException(available, dataShards);
        }
        DecodeKey key = new DecodeKey(present);
        Decoder decoder = decoders.get(key);
        if (decoder == null) {
            if (decoders.size() >= DECODER_CACHE_LIMIT) {
                decoders.clear();
            }
            decoder = new Decoder(present);
            decoders.put(key, decoder);
        }
        return decoder;
    }

    /** Cache key; the bit set is private to the key and never mutated after construction. */
    private record DecodeKey(BitSet present) {
    }

    /**
     * Rebuilds the missing shards of one loss pattern from the first k present shards: missing data
     * row r is row r of the inverse of those k encoding rows, missing parity p is encoding row p
     * times that inverse, so one pass over the k inputs produces every missing shard.
     */
    private final class Decoder {
        private final int[] inputs;
        private final int[] allOutputs;
        private final int[] dataOutputs;
        private final RowMultiplier allMultiplier;
        private final RowMultiplier dataMultiplier;

        Decoder(BitSet present) {
            inputs = present.stream().limit(dataShards).toArray();
            allOutputs = IntStream.range(0, totalShards()).filter(i -> !present.get(i)).toArray();
            dataOutputs = Arrays.stream(allOutputs).filter(i -> i < dataShards).toArray();
            Matrix inverse = matrix.selectRows(inputs).inverse();
            allMultiplier = allOutputs.length == 0 ? null : multipliers.apply(rows(inverse, allOutputs));
            dataMultiplier = dataOutputs.length == 0 ? null : multipliers.apply(rows(inverse, dataOutputs));
        }

        private byte[][] rows(Matrix inverse, int[] outputs) {
            return matrix.selectRows(outputs).times(inverse).toArray();
        }

        int[] inputs() {
            return inputs;
        }

        int[] outputs(boolean dataOnly) {
            return dataOnly ? dataOutputs : allOutputs;
        }

        RowMultiplier multiplier(boolean dataOnly) {
            return dataOnly ? dataMultiplier : allMultiplier;
        }
    }

    /** Runs {@code multiplier} over buffers, staging those without an accessible array in blocks. */
    private static void multiplyBuffers(RowMultiplier multiplier, ByteBuffer[] in, ByteBuffer[] out, int length) {
        BufferArrays inputs = new BufferArrays(in, length, STAGING_BLOCK);
        BufferArrays outputs = new BufferArrays(out, length, STAGING_BLOCK);
        if (!inputs.staged() && !outputs.staged()) {
            multiplier.multiply(inputs.arrays(), inputs.offsets(0), outputs.arrays(), outputs.offsets(0), length);
            return;
        }
        for (int done = 0; done < length; done += STAGING_BLOCK) {
            int block = Math.min(STAGING_BLOCK, length - done);
            inputs.load(done, block);
            multiplier.multiply(inputs.arrays(), inputs.offsets(done), outputs.arrays(), outputs.offsets(done),
                    block);
            outputs.store(done, block);
        }
    }

    private static <T> T[] pick(T[] all, int[] indexes) {
        T[] picked = Arrays.copyOf(all, indexes.length);
        for (int i = 0; i < indexes.length; i++) {
            picked[i] = all[indexes[i]];
        }
        return picked;
    }

    private static int[] filled(int count, int value) {
        int[] values = new int[count];
        Arrays.fill(values, value);
        return values;
    }

    private static void requireCount(Object[] shards, int expected, String what) {
        if (shards == null) {
            throw new IllegalArgumentException(what + " array is null");
        }
        if (shards.length != expected) {
            throw new IllegalArgumentException("expected " + expected + " " + what + ", got " + shards.length);
        }
    }

    private static void requireArray(byte[] shard, int index) {
        if (shard == null) throw new IllegalArgumentException("shard " + index + " is null");
    }

    private static int commonLength(byte[][] shards, String what) {
        int length = -1;
        for (int i = 0; i < shards.length; i++) {
            requireArray(shards[i], i);
            length = requireSize(shards[i].length, length, what + " " + i);
        }
        return length;
    }

    private static int commonRemaining(ByteBuffer[] shards, String what, int expected) {
        int length = expected;
        for (int i = 0; i < shards.length; i++) {
            if (shards[i] == null) throw new IllegalArgumentException(what + " " + i + " is null");
            length = requireSize(shards[i].remaining(), length, what + " " + i);
        }
        return length;
    }

    /** Returns {@code size} when {@code expected} is unset (-1) or equal, else throws naming the shard. */
    private static int requireSize(int size, int expected, String what) {
        if (expected >= 0 && size != expected) {
            throw new ShardSizeMismatchException(what + " has " + size + " bytes, expected " + expected);
        }
        return size;
    }

    private static void requireWritable(ByteBuffer[] shards, String what) {
        for (int i = 0; i < shards.length; i++) {
            if (shards[i].isReadOnly()) throw new IllegalArgumentException(what + " " + i + " is read-only");
        }
    }
}
