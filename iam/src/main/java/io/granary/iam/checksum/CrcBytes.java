package io.granary.iam.checksum;

/**
 * Conversion between a CRC held in a {@code long} and its big-endian wire bytes (4 bytes for
 * CRC32/CRC32C, 8 for CRC64NVME), the form S3 base64-encodes.
 */
final class CrcBytes {
    private CrcBytes() {
    }

    static byte[] toBytes(long value, int byteLength) {
        byte[] out = new byte[byteLength];
        for (int i = byteLength - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }

    static long fromBytes(byte[] bytes) {
        long value = 0;
        for (byte b : bytes) {
            value = (value << 8) | (b & 0xff);
        }
        return value;
    }
}
