package io.granary.iam.checksum;

/**
 * Combines CRCs of adjacent byte ranges without re-reading the bytes: {@code crc(A || B) =
 * crc(A) * x^(8 * |B|) mod P  xor  crc(B)}, which holds for every reflected CRC whose initial value
 * equals its final xor (CRC32, CRC32C and CRC64NVME all use all ones). The power of x is built from
 * a table of x^(2^k) mod P by multiplying in the set bits of the length (zlib's
 * {@code crc32_combine_gen} approach), so one combine costs at most 64 polynomial products.
 * Polynomials are in reflected form: bit {@code width - 1} is x^0. {@link Crc64Nvme} uses the same
 * arithmetic to join its two interleaved table chains. Immutable, thread-safe.
 */
final class CrcCombiner {
    private final long polynomial;
    private final long one;
    /** Entry k is x^(2^k) mod P; 66 entries cover every non-negative long length (k = 3..65). */
    private final long[] powersOfTwo = new long[66];

    CrcCombiner(long reflectedPolynomial, int width) {
        this.polynomial = reflectedPolynomial;
        this.one = 1L << (width - 1);
        long power = one >>> 1;
        for (int k = 0; k < powersOfTwo.length; k++) {
            powersOfTwo[k] = power;
            power = multiply(power, power);
        }
    }

    /** The CRC of A followed by B, given crc(A), crc(B) and the length of B in bytes. */
    long combine(long crcA, long crcB, long lengthB) {
        if (lengthB < 0) {
            throw new IllegalArgumentException("negative length " + lengthB);
        }
        return multiply(xPowerOfEightTimes(lengthB), crcA) ^ crcB;
    }

    /** x^(8n) mod P, i.e. x^(n * 2^3): the shift applied by n zero bytes. */
    long xPowerOfEightTimes(long n) {
        long result = one;
        int k = 3;
        for (long rest = n; rest != 0; rest >>>= 1, k++) {
            if ((rest & 1) != 0) {
                result = multiply(powersOfTwo[k], result);
            }
        }
        return result;
    }

    /** a * b mod P in the reflected representation. */
    long multiply(long a, long b) {
        long product = 0;
        long m = b;
        for (long bit = one; bit != 0; bit >>>= 1) {
            if ((a & bit) != 0) {
                product ^= m;
            }
            m = (m & 1) != 0 ? (m >>> 1) ^ polynomial : m >>> 1;
        }
        return product;
    }
}
