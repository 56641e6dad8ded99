package io.granary.iam.checksum;

import java.nio.ByteBuffer;
import java.util.zip.Checksum;

/**
 * A {@link StreamingChecksum} over a {@link java.util.zip.Checksum} CRC of 32 or 64 bits. Buffers go
 * straight to the wrapped CRC's own {@code update(ByteBuffer)}, so the JDK's intrinsics (CRC32,
 * CRC32C) see direct buffers by address and no byte is copied.
 */
final class CrcChecksum implements StreamingChecksum {
    private final Checksum crc;
    private final int byteLength;

    CrcChecksum(Checksum crc, int byteLength) {
        this.crc = crc;
        this.byteLength = byteLength;
    }

    @Override
    public void update(ByteBuffer buffer) {
        crc.update(buffer);
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        crc.update(bytes, offset, length);
    }

    @Override
    public byte[] digest() {
        byte[] value = CrcBytes.toBytes(crc.getValue(), byteLength);
        crc.reset();
        return value;
    }

    @Override
    public void reset() {
        crc.reset();
    }
}
