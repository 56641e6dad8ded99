package io.granary.erasure;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The on-disk and over-the-wire frame of one chunk: every chunk of every shard is stored as
 * {@code version(1) | reserved(3) | payloadLength(4, big-endian) | crc32c(4, big-endian) | payload}.
 * The CRC32C covers the first eight header bytes and the payload, so a flipped bit anywhere in
 * the frame, length included, is detected. Data nodes verify frames on arrival, on read and on
 * scrub; a frame that fails is treated exactly like a missing chunk.
 */
public final class ChunkFrame {
    /** Format version written in byte 0; readers refuse any other value. */
    public static final byte VERSION = 1;
    /** Bytes before the payload. */
    public static final int HEADER_SIZE = 12;
    private static final int CRC_OFFSET = 8;

    private ChunkFrame() {
    }

    /** Size of the frame holding {@code payloadLength} bytes. */
    public static int frameSize(int payloadLength) {
        if (payloadLength < 0) {
            throw new IllegalArgumentException("negative payload length: " + payloadLength);
        }
        return HEADER_SIZE + payloadLength;
    }

    /**
     * Writes one frame holding the remaining bytes of {@code payload} at the position of
     * {@code dst} and advances both buffers.
     */
    public static void write(ByteBuffer payload, ByteBuffer dst) {
        int length = payload.remaining();
        if (dst.remaining() < frameSize(length)) {
            throw new IllegalArgumentException("destination holds " + dst.remaining()
                    + " bytes, frame needs " + frameSize(length));
        }
        dst.duplicate().position(dst.position() + HEADER_SIZE).put(payload);
        writeHeader(dst, length);
        dst.position(dst.position() + frameSize(length));
    }

    /**
     * Writes the header (with its CRC32C) at {@code frame}'s position for the {@code payloadLength}
     * bytes that already follow it, so a payload built in place needs no copy; no position moves.
     */
    public static void writeHeader(ByteBuffer frame, int payloadLength) {
        if (frame.remaining() < frameSize(payloadLength)) {
            throw new IllegalArgumentException("frame holds " + frame.remaining() + " bytes, needs "
                    + frameSize(payloadLength));
        }
        ByteBuffer header = bigEndian(frame);
        header.put(VERSION).put((byte) 0).put((byte) 0).put((byte) 0).putInt(payloadLength);
        CRC32C crc = new CRC32C();
        crc.update(header.flip());
        crc.update(bigEndian(frame).position(HEADER_SIZE).limit(HEADER_SIZE + payloadLength));
        header.limit(HEADER_SIZE).putInt(CRC_OFFSET, (int) crc.getValue());
    }

    /** Returns a new heap buffer holding the frame of {@code payload}'s remaining bytes. */
    public static ByteBuffer frame(ByteBuffer payload) {
        ByteBuffer out = ByteBuffer.allocate(frameSize(payload.remaining()));
        write(payload, out);
        return out.flip();
    }

    /**
     * Reads the payload length from the frame header at {@code header}'s position, checking only
     * the version and that the length is not negative; the position does not move.
     *
     * @throws CorruptChunkException if the version is unknown or the length is negative
     */
    public static int payloadLength(ByteBuffer header) throws CorruptChunkException {
        if (header.remaining() < HEADER_SIZE) {
            throw new IllegalArgumentException("a frame header needs " + HEADER_SIZE + " bytes, got "
                    + header.remaining());
        }
        ByteBuffer view = bigEndian(header);
        if (view.get(0) != VERSION) {
            throw new CorruptChunkException("unknown chunk frame version " + (view.get(0) & 0xff));
        }
        int length = view.getInt(4);
        if (length < 0) {
            throw new CorruptChunkException("negative chunk length " + length);
        }
        return length;
    }

    /**
     * Verifies the frame at {@code frame}'s position and returns a slice of its payload;
     * {@code frame}'s position moves past the frame.
     *
     * @throws CorruptChunkException if the frame is truncated, of an unknown version, or fails its CRC32C
     */
    public static ByteBuffer verify(ByteBuffer frame) throws CorruptChunkException {
        int length = payloadLength(frame);
        if (frame.remaining() < frameSize(length)) {
            throw new CorruptChunkException("truncated chunk: frame needs " + frameSize(length)
                    + " bytes, " + frame.remaining() + " present");
        }
        ByteBuffer view = bigEndian(frame);
        CRC32C crc = new CRC32C();
        crc.update(view.duplicate().limit(CRC_OFFSET));
        ByteBuffer payload = view.duplicate().position(HEADER_SIZE).limit(HEADER_SIZE + length).slice();
        crc.update(payload.duplicate());
        if (view.getInt(CRC_OFFSET) != (int) crc.getValue()) {
            throw new CorruptChunkException("chunk CRC32C mismatch");
        }
        frame.position(frame.position() + HEADER_SIZE + length);
        return payload;
    }

    /** A big-endian view starting at {@code buffer}'s position, sharing its content. */
    private static ByteBuffer bigEndian(ByteBuffer buffer) {
        return buffer.slice().order(ByteOrder.BIG_ENDIAN);
    }
}
