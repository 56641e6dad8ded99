package io.granary.iam.checksum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.checksums.internal.SdkCrc32CChecksum;
import software.amazon.awssdk.checksums.internal.SdkCrc32Checksum;

/**
 * Cross-checks our values against the AWS SDK for Java v2's own checksum code (what real clients
 * send). The SDK's CRC64NVME needs the native aws-crt library, so CRC64NVME is checked against an
 * independent bitwise implementation in {@link Crc64NvmeTest} instead.
 */
class AwsSdkChecksumCrossCheckTest {

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "SHA1", "SHA256"})
    void singleValuesMatchTheSdk(ChecksumAlgorithm ours) {
        Random random = new Random(5);
        for (int length : new int[] {0, 1, 9, 4096, 100_001}) {
            byte[] data = CrcCombineTest.randomBytes(random, length);
            assertEquals(sdk(ours, data), ours.encode(ours.compute(data)), ours + " of " + length + " bytes");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "SHA1", "SHA256"})
    void compositeMultipartValuesMatchTheSdkComputation(ChecksumAlgorithm ours) {
        Random random = new Random(6);
        List<byte[]> partValues = new ArrayList<>();
        ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
        for (int part = 0; part < 5; part++) {
            byte[] data = CrcCombineTest.randomBytes(random, 10_000 + random.nextInt(5000));
            byte[] sdkPart = Base64.getDecoder().decode(sdk(ours, data));
            partValues.add(ours.compute(data));
            concatenated.writeBytes(sdkPart);
        }
        String expected = sdk(ours, concatenated.toByteArray()) + "-5";
        assertEquals(expected, MultipartChecksums.composite(ours, partValues));
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C"})
    void combinedCrcsMatchTheSdkCombine(ChecksumAlgorithm ours) {
        Random random = new Random(8);
        for (int lengthB : new int[] {1, 31, 5000, 1 << 20}) {
            // Length 0 is left out: with a random crcB it is not a real range, and zlib returns crcA.
            long crcA = random.nextInt() & 0xffffffffL;
            long crcB = random.nextInt() & 0xffffffffL;
            long expected = ours == ChecksumAlgorithm.CRC32
                    ? SdkCrc32Checksum.combine(crcA, crcB, lengthB)
                    : SdkCrc32CChecksum.combine(crcA, crcB, lengthB);
            byte[] combined = ours.combine(CrcBytes.toBytes(crcA, 4), CrcBytes.toBytes(crcB, 4), lengthB);
            assertArrayEquals(CrcBytes.toBytes(expected, 4), combined, "length " + lengthB);
        }
    }

    @Test
    void multipartEtagIsMd5OfPartMd5s() {
        byte[] a = "part one".getBytes();
        byte[] b = "part two".getBytes();
        StreamingChecksum md5 = Md5.newChecksum();
        md5.update(a);
        byte[] md5a = md5.digest();
        md5.update(b);
        byte[] md5b = md5.digest();
        SdkChecksum sdkMd5 = SdkChecksum.forAlgorithm(DefaultChecksumAlgorithm.MD5);
        sdkMd5.update(CrcCombineTest.concat(md5a, md5b));
        assertEquals(Md5.etag(sdkMd5.getChecksumBytes()) + "-2", MultipartChecksums.etag(List.of(md5a, md5b)));
    }

    private static String sdk(ChecksumAlgorithm ours, byte[] data) {
        SdkChecksum checksum = SdkChecksum.forAlgorithm(DefaultChecksumAlgorithm.fromValue(ours.apiName()));
        checksum.update(data, 0, data.length);
        return Base64.getEncoder().encodeToString(checksum.getChecksumBytes());
    }
}
