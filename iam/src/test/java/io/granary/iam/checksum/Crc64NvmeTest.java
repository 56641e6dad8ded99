package io.granary.iam.checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Crc64NvmeTest {

    /** The textbook one-bit-at-a-time reflected CRC-64/NVME, sharing nothing with the tables. */
    private static long bitwise(byte[] data) {
        long crc = 0xffffffffffffffffL;
        for (byte b : data) {
            crc ^= b & 0xff;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9a6c9329ac4bc9b5L : crc >>> 1;
            }
        }
        return ~crc;
    }

    @Test
    void checkValueOf123456789IsTheCatalogueValue() {
        byte[] input = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xae8b14860a799888L, bitwise(input));
        Crc64Nvme crc = new Crc64Nvme();
        crc.update(input);
        assertEquals(0xae8b14860a799888L, crc.getValue());
    }

    @Test
    void emptyInputHasCrcZero() {
        assertEquals(0L, new Crc64Nvme().getValue());
    }

    @Test
    void sliceBy16AgreesWithTheBitwiseReferenceAtEveryLengthAndAlignment() {
        Random random = new Random(3);
        byte[] data = new byte[300];
        random.nextBytes(data);
        for (int offset = 0; offset < 17; offset++) {
            for (int length = 0; offset + length <= data.length; length += 1 + length / 8) {
                byte[] slice = Arrays.copyOfRange(data, offset, offset + length);
                Crc64Nvme array = new Crc64Nvme();
                array.update(data, offset, length);
                Crc64Nvme direct = new Crc64Nvme();
                ByteBuffer buffer = ByteBuffer.allocateDirect(data.length);
                buffer.put(data).limit(offset + length).position(offset);
                direct.update(buffer);
                long expected = bitwise(slice);
                assertEquals(expected, array.getValue(), "array " + offset + "+" + length);
                assertEquals(expected, direct.getValue(), "direct " + offset + "+" + length);
            }
        }
    }

    @Test
    void twoChainPathAgreesWithTheBitwiseReferenceAroundItsRoundSize() {
        Random random = new Random(9);
        byte[] data = new byte[3 * 4096 + 64];
        random.nextBytes(data);
        for (int offset : new int[] {0, 1, 7}) {
            for (int length : new int[] {4095, 4096, 4097, 4096 + 15, 8192, 8192 + 33, 3 * 4096 + 50}) {
                long expected = bitwise(Arrays.copyOfRange(data, offset, offset + length));
                Crc64Nvme array = new Crc64Nvme();
                array.update(data, offset, length);
                ByteBuffer buffer = ByteBuffer.allocateDirect(data.length);
                buffer.put(data).limit(offset + length).position(offset);
                Crc64Nvme direct = new Crc64Nvme();
                direct.update(buffer);
                assertEquals(expected, array.getValue(), "array " + offset + "+" + length);
                assertEquals(expected, direct.getValue(), "direct " + offset + "+" + length);
            }
        }
    }

    @Test
    void singleByteUpdatesAgreeWithBulkUpdates() {
        byte[] data = new byte[1000];
        new Random(4).nextBytes(data);
        Crc64Nvme single = new Crc64Nvme();
        for (byte b : data) {
            single.update(b);
        }
        assertEquals(bitwise(data), single.getValue());
        single.reset();
        assertEquals(0L, single.getValue());
    }
}
