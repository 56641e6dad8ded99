package io.granary.erasure;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD codec on the JDK Vector API ({@code jdk.incubator.vector}). A product c·x is
 * {@code low[x & 15] ^ high[x >>> 4]} with two 16-entry tables per coefficient, looked up for a whole
 * vector of bytes at once by a byte shuffle. Each input vector is loaded once and multiplied into
 * two outputs, so the 4+2 encode reads every data byte once. Bytes past the last whole vector go
 * through the scalar multiplier. Only loaded (reflectively, by {@link CodecSelection}) when the
 * module is present, so JVMs without it never touch a Vector API class.
 */
public final class VectorReedSolomon extends SystematicCodec {
    static final VectorSpecies<Byte> SPECIES = species();
    private static final int LANES = SPECIES.length();
    private static final int NIBBLE = 16;
    /** Bytes per shard done before moving on, so the outputs stay in L1 while every input is added. */
    private static final int BLOCK = 8 * 1024;
    private static final byte LOW_MASK = 0x0f;
    /**
     * Shards shorter than this go through the scalar multiplier: SIMD saves little on them, and in a
     * server the small calls of small objects would run the vector code mostly before the JIT has
     * compiled it, where the Vector API is slower than scalar table lookups by a wide margin.
     */
    static final int MIN_VECTOR_LENGTH = 4 * 1024;

    public VectorReedSolomon(int dataShards, int parityShards) {
        this(dataShards, parityShards, MIN_VECTOR_LENGTH);
    }

    /** With shards shorter than {@code minVectorLength} going through the scalar code (tests use 0). */
    VectorReedSolomon(int dataShards, int parityShards, int minVectorLength) {
        super(dataShards, parityShards, rows -> new NibbleMultiplier(rows, minVectorLength));
    }

    @Override
    public String implementation() {
        return "vector";
    }

    /** Shape in bits: the property {@code granary.erasure.vectorBits} (128, 256, 512) or the default. */
    private static VectorSpecies<Byte> species() {
        String bits = System.getProperty("granary.erasure.vectorBits", "");
        return switch (bits) {
            case "128" -> ByteVector.SPECIES_128;
            case "256" -> ByteVector.SPECIES_256;
            case "512" -> ByteVector.SPECIES_512;
            case "" -> ByteVector.SPECIES_PREFERRED;
            default -> throw new IllegalArgumentException("granary.erasure.vectorBits must be 128, 256 or 512, got "
                    + bits);
        };
    }

    /** Description for the startup log line. */
    static String describe() {
        return SPECIES.vectorBitSize() + "-bit vectors";
    }

    /**
     * Split-nibble tables for every coefficient, each 16-entry table repeated to fill one vector, laid
     * out as {@code [output][input][low, high]}.
     */
    static final class NibbleMultiplier implements RowMultiplier {
        private final int inputs;
        private final byte[] tables;
        private final RowMultiplier tail;
        private final int minVectorLength;

        NibbleMultiplier(byte[][] rows, int minVectorLength) {
            this.minVectorLength = minVectorLength;
            inputs = rows[0].length;
            tables = new byte[rows.length * inputs * 2 * LANES];
            for (int o = 0; o < rows.length; o++) {
                for (int j = 0; j < inputs; j++) {
                    int base = tableIndex(o, j);
                    for (int lane = 0; lane < LANES; lane++) {
                        int x = lane % NIBBLE;
                        tables[base + lane] = (byte) GaloisField.multiply(rows[o][j], x);
                        tables[base + LANES + lane] = (byte) GaloisField.multiply(rows[o][j], x << 4);
                    }
                }
            }
            tail = new ScalarReedSolomon.TableMultiplier(rows);
        }

        private int tableIndex(int output, int input) {
            return (output * inputs + input) * 2 * LANES;
        }

        @Override
        public void multiply(byte[][] in, int[] inOffset, byte[][] out, int[] outOffset, int length) {
            int vectorEnd = length < minVectorLength ? 0 : SPECIES.loopBound(length);
            for (int block = 0; block < vectorEnd; block += BLOCK) {
                int blockEnd = Math.min(block + BLOCK, vectorEnd);
                for (int o = 0; o < out.length; o += 2) {
                    int o1 = Math.min(o + 1, out.length - 1);
                    for (int j = 0; j < inputs; j++) {
                        pair(o, o1, j, in[j], inOffset[j], out, outOffset, block, blockEnd);
                    }
                }
            }
            if (vectorEnd < length) {
                tail.multiply(in, shifted(inOffset, vectorEnd), out, shifted(outOffset, vectorEnd),
                        length - vectorEnd);
            }
        }

        /**
         * Adds input j times its coefficients into outputs o0 and o1 over [from, to), overwriting them
         * when j is 0. The four tables stay in registers for the loop and each input vector is loaded
         * once for both outputs. When o1 == o0 (odd output count) the same bytes are stored twice.
         */
        private void pair(int o0, int o1, int j, byte[] source, int sourceOffset, byte[][] out, int[] outOffset,
                int from, int to) {
            ByteVector low0 = table(o0, j, 0);
            ByteVector high0 = table(o0, j, LANES);
            ByteVector low1 = table(o1, j, 0);
            ByteVector high1 = table(o1, j, LANES);
            byte[] out0 = out[o0];
            byte[] out1 = out[o1];
            int c0 = outOffset[o0];
            int c1 = outOffset[o1];
            for (int i = from; i < to; i += LANES) {
                ByteVector x = ByteVector.fromArray(SPECIES, source, sourceOffset + i);
                ByteVector lo = x.and(LOW_MASK);
                ByteVector hi = x.lanewise(VectorOperators.LSHR, 4);
                ByteVector p0 = lookup(low0, high0, lo, hi);
                ByteVector p1 = lookup(low1, high1, lo, hi);
                if (j != 0) {
                    p0 = p0.lanewise(VectorOperators.XOR, ByteVector.fromArray(SPECIES, out0, c0 + i));
                    p1 = p1.lanewise(VectorOperators.XOR, ByteVector.fromArray(SPECIES, out1, c1 + i));
                }
                p0.intoArray(out0, c0 + i);
                p1.intoArray(out1, c1 + i);
            }
        }

        /** The low (half 0) or high (half LANES) table of coefficient (output, j). */
        private ByteVector table(int output, int j, int half) {
            return ByteVector.fromArray(SPECIES, tables, tableIndex(output, j) + half);
        }

        private static ByteVector lookup(ByteVector lowTable, ByteVector highTable, ByteVector low, ByteVector high) {
            return low.selectFrom(lowTable).lanewise(VectorOperators.XOR, high.selectFrom(highTable));
        }

        private static int[] shifted(int[] offsets, int by) {
            int[] moved = new int[offsets.length];
            for (int i = 0; i < offsets.length; i++) {
                moved[i] = offsets[i] + by;
            }
            return moved;
        }
    }
}
