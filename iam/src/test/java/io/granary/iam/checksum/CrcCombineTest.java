package io.granary.iam.checksum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CrcCombineTest {

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
    void combiningTwoRangesEqualsTheCrcOfTheirConcatenation(ChecksumAlgorithm algorithm) {
        Random random = new Random(42 + algorithm.ordinal());
        int[] lengths = {0, 1, 2, 3, 7, 8, 15, 16, 17, 255, 256, 1000, 65_537};
        for (int lengthA : lengths) {
            for (int lengthB : lengths) {
                byte[] a = randomBytes(random, lengthA);
                byte[] b = randomBytes(random, lengthB);
                byte[] combined = algorithm.combine(algorithm.compute(a), algorithm.compute(b), b.length);
                assertArrayEquals(algorithm.compute(concat(a, b)), combined, lengthA + " + " + lengthB);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
    void fullObjectChecksumOfRandomPartsEqualsTheCrcOfTheWholeObject(ChecksumAlgorithm algorithm) {
        Random random = new Random(99);
        byte[] whole = randomBytes(random, 300_000);
        List<MultipartChecksums.PartCrc> parts = new ArrayList<>();
        int offset = 0;
        while (offset < whole.length) {
            int length = Math.min(whole.length - offset, random.nextInt(4) == 0 ? 0 : random.nextInt(70_000));
            byte[] part = Arrays.copyOfRange(whole, offset, offset + length);
            parts.add(new MultipartChecksums.PartCrc(algorithm.compute(part), length));
            offset += length;
        }
        assertArrayEquals(algorithm.compute(whole), MultipartChecksums.fullObject(algorithm, parts));
    }

    @Test
    void combiningAHugeLengthMatchesRepeatedSquaringByHand() {
        ChecksumAlgorithm crc = ChecksumAlgorithm.CRC64NVME;
        byte[] zeros = new byte[1 << 20];
        byte[] zerosCrc = crc.compute(zeros);
        byte[] doubled = crc.combine(zerosCrc, zerosCrc, zeros.length);
        assertArrayEquals(crc.compute(new byte[2 << 20]), doubled);
        crc.combine(zerosCrc, zerosCrc, Long.MAX_VALUE);
    }

    @Test
    void digestsCannotBeCombined() {
        byte[] sha = ChecksumAlgorithm.SHA256.compute(new byte[1]);
        assertThrows(UnsupportedOperationException.class, () -> ChecksumAlgorithm.SHA256.combine(sha, sha, 1));
        assertThrows(IllegalArgumentException.class,
                () -> ChecksumAlgorithm.CRC32.combine(new byte[4], new byte[4], -1));
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
