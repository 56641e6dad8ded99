package io.granary.erasure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkFrameTest {

    @Test
    void framedPayloadVerifiesAndComesBackUnchanged() throws Exception {
        byte[] data = "granary chunk".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer frame = ChunkFrame.frame(ByteBuffer.wrap(data));
        assertEquals(ChunkFrame.HEADER_SIZE + data.length, frame.remaining());
        ByteBuffer payload = ChunkFrame.verify(frame);
        byte[] back = new byte[payload.remaining()];
        payload.get(back);
        assertArrayEquals(data, back);
        assertEquals(0, frame.remaining());
    }

    @Test
    void everyFlippedBitIsDetected() throws Exception {
        ByteBuffer good = ChunkFrame.frame(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5}));
        for (int i = 0; i < good.remaining(); i++) {
            for (int bit = 0; bit < 8; bit++) {
                ByteBuffer bad = ByteBuffer.allocate(good.remaining()).put(good.duplicate()).flip();
                bad.put(i, (byte) (bad.get(i) ^ (1 << bit)));
                assertThrows(CorruptChunkException.class, () -> ChunkFrame.verify(bad), "byte " + i + " bit " + bit);
            }
        }
    }

    @Test
    void consecutiveFramesAreReadInOrder() throws Exception {
        ByteBuffer both = ByteBuffer.allocate(ChunkFrame.frameSize(3) + ChunkFrame.frameSize(0));
        ChunkFrame.write(ByteBuffer.wrap(new byte[] {7, 8, 9}), both);
        ChunkFrame.write(ByteBuffer.allocate(0), both);
        both.flip();
        assertEquals(3, ChunkFrame.verify(both).remaining());
        assertEquals(0, ChunkFrame.verify(both).remaining());
        assertEquals(0, both.remaining());
    }

    @Test
    void truncatedFrameIsCorrupt() {
        ByteBuffer frame = ChunkFrame.frame(ByteBuffer.wrap(new byte[10]));
        frame.limit(frame.limit() - 1);
        assertThrows(CorruptChunkException.class, () -> ChunkFrame.verify(frame));
    }
}
