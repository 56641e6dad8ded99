package io.granary.iam.checksum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.commons.codec.binary.Hex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ChecksumAlgorithmTest {
    private static final byte[] CHECK_INPUT = "123456789".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "{0} of \"123456789\" is {1}")
    @CsvSource({
        "CRC32, cbf43926",
        "CRC32C, e3069283",
        "CRC64NVME, ae8b14860a799888",
        "SHA1, f7c3bc1d808e04732adf679965ccc34ca7ae3441",
        "SHA256, 15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225"})
    void computesTheStandardCheckValue(ChecksumAlgorithm algorithm, String hex) {
        assertEquals(hex, Hex.encodeHexString(algorithm.compute(CHECK_INPUT)));
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void incrementalUpdatesOverRandomSplitsEqualOneShot(ChecksumAlgorithm algorithm) {
        Random random = new Random(algorithm.ordinal());
        byte[] data = new byte[100_003];
        random.nextBytes(data);
        byte[] expected = algorithm.compute(data);
        for (int round = 0; round < 20; round++) {
            StreamingChecksum checksum = algorithm.newChecksum();
            int offset = 0;
            while (offset < data.length) {
                int length = Math.min(data.length - offset, random.nextInt(40) == 0 ? 5000 : random.nextInt(37));
                feedInRandomForm(checksum, data, offset, length, random);
                offset += length;
            }
            assertArrayEquals(expected, checksum.digest(), "round " + round);
        }
    }

    /** Feeds a range as an array slice, a heap buffer with an array offset, or a direct buffer. */
    private static void feedInRandomForm(StreamingChecksum checksum, byte[] data, int offset, int length,
            Random random) {
        switch (random.nextInt(3)) {
            case 0 -> checksum.update(data, offset, length);
            case 1 -> {
                ByteBuffer slice = ByteBuffer.wrap(data, Math.max(0, offset - 3), length + Math.min(3, offset))
                        .slice();
                slice.position(Math.min(3, offset));
                checksum.update(slice);
                assertEquals(slice.limit(), slice.position(), "buffer consumed");
            }
            default -> {
                ByteBuffer direct = ByteBuffer.allocateDirect(length + 5);
                direct.position(5);
                direct.put(data, offset, length);
                direct.position(5);
                checksum.update(direct);
                assertEquals(direct.limit(), direct.position(), "buffer consumed");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void readOnlyBuffersGiveTheSameValue(ChecksumAlgorithm algorithm) {
        byte[] data = new byte[4099];
        new Random(7).nextBytes(data);
        StreamingChecksum checksum = algorithm.newChecksum();
        checksum.update(ByteBuffer.wrap(data).asReadOnlyBuffer());
        assertArrayEquals(algorithm.compute(data), checksum.digest());
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void digestResetsForTheNextStream(ChecksumAlgorithm algorithm) {
        StreamingChecksum checksum = algorithm.newChecksum();
        checksum.update(new byte[] {1, 2, 3});
        checksum.digest();
        checksum.update(CHECK_INPUT);
        assertArrayEquals(algorithm.compute(CHECK_INPUT), checksum.digest());
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void decodeAcceptsWhatEncodeProduces(ChecksumAlgorithm algorithm) {
        byte[] value = algorithm.compute(CHECK_INPUT);
        assertArrayEquals(value, algorithm.decode(algorithm.encode(value)));
        assertEquals(algorithm.byteLength(), value.length);
    }

    @Test
    void crc32HeaderValueIsBase64OfBigEndianBytes() {
        StreamingChecksum checksum = ChecksumAlgorithm.CRC32.newChecksum();
        checksum.update(CHECK_INPUT);
        assertEquals("y/Q5Jg==", checksum.digestBase64());
    }

    @Test
    void decodeRejectsAValueOfTheWrongLength() {
        InvalidChecksumException e = assertThrows(InvalidChecksumException.class,
                () -> ChecksumAlgorithm.CRC32.decode("AAAAAAAA"));
        assertEquals(InvalidChecksumException.Reason.WRONG_LENGTH, e.reason());
        assertEquals("x-amz-checksum-crc32", e.headerName());
    }

    @ParameterizedTest
    @CsvSource({"'y/Q5J*=='", "'y/Q 5Jg=='", "''", "'y/Q5Jg==='"})
    void decodeRejectsMalformedBase64(String value) {
        InvalidChecksumException e = assertThrows(InvalidChecksumException.class,
                () -> ChecksumAlgorithm.CRC32.decode(value));
        assertEquals(InvalidChecksumException.Reason.MALFORMED_BASE64, e.reason());
    }

    @Test
    void namesFollowTheS3Headers() {
        assertEquals("x-amz-checksum-crc64nvme", ChecksumAlgorithm.CRC64NVME.headerName());
        assertEquals(ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.fromApiName("crc32c"));
        assertEquals(ChecksumAlgorithm.SHA256, ChecksumAlgorithm.fromHeaderName("X-Amz-Checksum-Sha256").orElseThrow());
        assertEquals(InvalidChecksumException.Reason.UNKNOWN_ALGORITHM, assertThrows(InvalidChecksumException.class,
                () -> ChecksumAlgorithm.fromApiName("MD4")).reason());
    }

    @Test
    void checksumTypeDefaultsLikeAws() {
        assertEquals(ChecksumType.COMPOSITE, ChecksumType.parseOrDefault(null, ChecksumAlgorithm.CRC32));
        assertEquals(ChecksumType.FULL_OBJECT, ChecksumType.parseOrDefault(null, ChecksumAlgorithm.CRC64NVME));
        assertEquals(ChecksumType.FULL_OBJECT, ChecksumType.parseOrDefault("full_object", ChecksumAlgorithm.CRC32C));
        assertEquals(false, ChecksumType.FULL_OBJECT.supports(ChecksumAlgorithm.SHA256));
    }

    @Test
    void contentMd5MustBeSixteenBytesOfBase64() {
        assertEquals(16, Md5.decodeContentMd5("1B2M2Y8AsgTpgAmY7PhCfg==").length);
        assertThrows(InvalidChecksumException.class, () -> Md5.decodeContentMd5("y/Q5Jg=="));
        assertThrows(InvalidChecksumException.class, () -> Md5.decodeContentMd5("not base64!"));
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", Md5.etag(Md5.decodeContentMd5("1B2M2Y8AsgTpgAmY7PhCfg==")));
    }
}
