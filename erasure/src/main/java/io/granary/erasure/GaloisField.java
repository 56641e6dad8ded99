package io.granary.erasure;

/**
 * Arithmetic in GF(2^8) with the polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11d) and generator 2, the
 * field of Backblaze JavaReedSolomon and klauspost/reedsolomon. Elements are bytes held in
 * {@code int}s 0..255; addition is XOR. The tables are built once and never change.
 */
public final class GaloisField {
    /** The field polynomial, x^8 term included. */
    public static final int POLYNOMIAL = 0x11d;
    /** The field size. */
    public static final int SIZE = 256;

    /** exp[i] = 2^i, doubled in length so that exp[log a + log b] needs no modulo. */
    private static final int[] EXP = new int[2 * SIZE];
    private static final int[] LOG = new int[SIZE];
    /** MUL[a][b] = a·b: the scalar codec's lookup table (64 KiB). */
    private static final byte[][] MUL = new byte[SIZE][SIZE];

    static {
        int x = 1;
        for (int i = 0; i < SIZE - 1; i++) {
            EXP[i] = x;
            LOG[x] = i;
            x <<= 1;
            if (x >= SIZE) {
                x ^= POLYNOMIAL;
            }
        }
        for (int i = SIZE - 1; i < EXP.length; i++) {
            EXP[i] = EXP[i - (SIZE - 1)];
        }
        for (int a = 0; a < SIZE; a++) {
            for (int b = 0; b < SIZE; b++) {
                MUL[a][b] = (byte) multiply(a, b);
            }
        }
    }

    private GaloisField() {
    }

    /** 2 raised to {@code power}, for any {@code power >= 0}. */
    public static int exp(int power) {
        if (power < 0) {
            throw new IllegalArgumentException("negative exponent: " + power);
        }
        return EXP[power % (SIZE - 1)];
    }

    /** The discrete logarithm base 2 of a non-zero element. */
    public static int log(int element) {
        if (element <= 0 || element >= SIZE) {
            throw new IllegalArgumentException("log is defined for 1..255, got " + element);
        }
        return LOG[element];
    }

    /** The product a·b. */
    public static int multiply(int a, int b) {
        if (a == 0 || b == 0) return 0;
        return EXP[LOG[a & 0xff] + LOG[b & 0xff]];
    }

    /** The quotient a / b for non-zero b. */
    public static int divide(int a, int b) {
        if (b == 0) {
            throw new ArithmeticException("division by zero in GF(2^8)");
        }
        if (a == 0) return 0;
        return EXP[LOG[a & 0xff] + (SIZE - 1) - LOG[b & 0xff]];
    }

    /** {@code base} raised to {@code power}, with 0^0 = 1 as the Vandermonde construction needs. */
    public static int power(int base, int power) {
        if (power == 0) return 1;
        if (base == 0) return 0;
        return EXP[(LOG[base] * power) % (SIZE - 1)];
    }

    /**
     * The row of the multiplication table for {@code coefficient}: {@code row[b] = coefficient·b}.
     * Shared, not copied: callers must not modify it.
     */
    static byte[] multiplicationRow(int coefficient) {
        return MUL[coefficient & 0xff];
    }
}
