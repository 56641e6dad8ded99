package io.granary.datanode;

import io.granary.erasure.ChunkFrame;
import io.granary.erasure.CorruptChunkException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Checks a shard's frames as its bytes arrive in pieces of any size, without holding a frame in memory:
 * the header goes through {@link ChunkFrame#payloadLength}, and the CRC32C (over header bytes 0-7 and the
 * payload, the {@link ChunkFrame} format) is accumulated and compared when the frame's last byte arrives.
 * It also enforces the shard shape that makes range reads seekable: every frame has the payload size of
 * the first, except a final shorter one, and no payload exceeds {@link #MAX_PAYLOAD}. Not thread-safe;
 * one writer feeds it in order.
 */
final class FrameVerifier {
    /** Largest payload accepted, so a reader's per-frame buffer stays bounded. */
    static final int MAX_PAYLOAD = 16 << 20;
    private static final int CRC_COVERED_HEADER = 8;

    private final ByteBuffer header = ByteBuffer.allocate(ChunkFrame.HEADER_SIZE);
    private final CRC32C crc = new CRC32C();
    private long frameStart;
    private int frameLength;
    private int payloadRemaining = -1;
    private int expectedCrc;
    private int firstPayload = -1;
    private boolean shortFrameSeen;

    /** Consumes all remaining bytes of {@code data} (its position moves to its limit). */
    void update(ByteBuffer data) {
        while (data.hasRemaining()) {
            if (payloadRemaining < 0) {
                if (!fillHeader(data)) return;
                continue;
            }
            int n = Math.min(payloadRemaining, data.remaining());
            int limit = data.limit();
            data.limit(data.position() + n);
            crc.update(data);
            data.limit(limit);
            payloadRemaining -= n;
            completeFrameIfDone();
        }
    }

    /** Fails unless the bytes so far end exactly on a frame boundary. */
    void finish() {
        if (payloadRemaining >= 0 || header.position() > 0) {
            throw new ShardStoreException(ShardStoreException.Kind.INVALID_ARGUMENT,
                    "shard ends inside the frame starting at byte " + frameStart);
        }
    }

    private boolean fillHeader(ByteBuffer data) {
        int n = Math.min(header.remaining(), data.remaining());
        int limit = data.limit();
        data.limit(data.position() + n);
        header.put(data);
        data.limit(limit);
        if (header.hasRemaining()) return false;
        header.flip();
        int length;
        try {
            length = ChunkFrame.payloadLength(header);
        } catch (CorruptChunkException e) {
            throw corrupt(e.getMessage());
        }
        checkShape(length);
        expectedCrc = header.getInt(CRC_COVERED_HEADER);
        crc.reset();
        crc.update(header.array(), 0, CRC_COVERED_HEADER);
        header.clear();
        frameLength = ChunkFrame.frameSize(length);
        payloadRemaining = length;
        completeFrameIfDone();
        return true;
    }

    private void checkShape(int length) {
        if (length > MAX_PAYLOAD) {
            throw invalid("frame at byte " + frameStart + " has a payload of " + length + " bytes, more than "
                    + MAX_PAYLOAD);
        }
        if (firstPayload < 0) {
            firstPayload = length;
        } else if (shortFrameSeen || length > firstPayload) {
            throw invalid("frame at byte " + frameStart + " breaks the shard shape (equal frames, then at "
                    + "most one shorter final frame)");
        } else if (length < firstPayload) {
            shortFrameSeen = true;
        }
    }

    private void completeFrameIfDone() {
        if (payloadRemaining != 0) return;
        if ((int) crc.getValue() != expectedCrc) {
            throw corrupt("CRC32C mismatch");
        }
        frameStart += frameLength;
        payloadRemaining = -1;
    }

    private ShardStoreException corrupt(String why) {
        return new ShardStoreException(ShardStoreException.Kind.CORRUPT, "frame at bytes [" + frameStart + ", "
                + (frameStart + Math.max(frameLength, ChunkFrame.HEADER_SIZE)) + ") rejected on arrival: " + why);
    }

    private static ShardStoreException invalid(String why) {
        return new ShardStoreException(ShardStoreException.Kind.INVALID_ARGUMENT, why);
    }
}
