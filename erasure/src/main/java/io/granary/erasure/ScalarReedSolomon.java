package io.granary.erasure;

/**
 * The portable codec: each coefficient's 256-byte row of the multiplication table is looked up
 * once per byte. It runs anywhere, and is the reference the SIMD codec is tested against and the
 * tail handler for bytes that do not fill a vector.
 */
public final class ScalarReedSolomon extends SystematicCodec {

    public ScalarReedSolomon(int dataShards, int parityShards) {
        super(dataShards, parityShards, TableMultiplier::new);
    }

    @Override
    public String implementation() {
        return "scalar";
    }

    /** Table-lookup multiply; walks one input at a time so each table row stays in L1. */
    static final class TableMultiplier implements RowMultiplier {
        private final byte[][][] tables;

        TableMultiplier(byte[][] rows) {
            tables = new byte[rows.length][][];
            for (int o = 0; o < rows.length; o++) {
                tables[o] = new byte[rows[o].length][];
                for (int j = 0; j < rows[o].length; j++) {
                    tables[o][j] = GaloisField.multiplicationRow(rows[o][j]);
                }
            }
        }

        @Override
        public void multiply(byte[][] in, int[] inOffset, byte[][] out, int[] outOffset, int length) {
            for (int o = 0; o < out.length; o++) {
                byte[] target = out[o];
                int base = outOffset[o];
                for (int j = 0; j < in.length; j++) {
                    byte[] table = tables[o][j];
                    byte[] source = in[j];
                    int from = inOffset[j];
                    if (j == 0) {
                        for (int i = 0; i < length; i++) {
                            target[base + i] = table[source[from + i] & 0xff];
                        }
                    } else {
                        for (int i = 0; i < length; i++) {
                            target[base + i] ^= table[source[from + i] & 0xff];
                        }
                    }
                }
            }
        }
    }
}
