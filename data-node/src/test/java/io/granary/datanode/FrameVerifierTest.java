package io.granary.datanode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.granary.erasure.ChunkFrame;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class FrameVerifierTest {

    @Test
    void acceptsChunkFramesSplitAtEveryPossibleBoundary() {
        byte[] shard = TestShards.framed(3, 50, 20, 1);
        for (int split = 0; split <= shard.length; split++) {
            FrameVerifier verifier = new FrameVerifier();
            verifier.update(ByteBuffer.wrap(shard, 0, split));
            verifier.update(ByteBuffer.wrap(shard, split, shard.length - split));
            verifier.finish();
        }
    }

    @Test
    void acceptsByteByByteDeliveryAndEmptyPayloads() {
        byte[] shard = TestShards.framed(2, 0, 0, 2);
        FrameVerifier verifier = new FrameVerifier();
        for (byte b : shard) verifier.update(ByteBuffer.wrap(new byte[] {b}));
        verifier.finish();
    }

    @Test
    void rejectsEverySingleBitFlip() {
        byte[] shard = TestShards.framed(2, 40, 40, 3);
        for (int bit = 0; bit < shard.length * 8; bit++) {
            byte[] bad = shard.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            FrameVerifier verifier = new FrameVerifier();
            assertThrows(ShardStoreException.class, () -> {
                verifier.update(ByteBuffer.wrap(bad));
                verifier.finish();
            }, "bit " + bit);
        }
    }

    @Test
    void reportsTheCorruptFramesByteRange() {
        byte[] shard = TestShards.framed(3, 40, 40, 4);
        int frame = ChunkFrame.frameSize(40);
        shard[frame + 20] ^= 1;
        FrameVerifier verifier = new FrameVerifier();
        ShardStoreException e = assertThrows(ShardStoreException.class,
                () -> verifier.update(ByteBuffer.wrap(shard)));
        assertEquals(ShardStoreException.Kind.CORRUPT, e.kind());
        assertEquals(true, e.getMessage().contains("[" + frame + ", " + 2 * frame + ")"), e.getMessage());
    }

    @Test
    void refusesAShardEndingInsideAFrame() {
        byte[] shard = TestShards.framed(1, 40, 40, 5);
        FrameVerifier verifier = new FrameVerifier();
        verifier.update(ByteBuffer.wrap(shard, 0, shard.length - 1));
        assertEquals(ShardStoreException.Kind.INVALID_ARGUMENT,
                assertThrows(ShardStoreException.class, verifier::finish).kind());
    }

    @Test
    void refusesAFrameAfterAShorterOne() {
        byte[] first = TestShards.framed(2, 40, 10, 6);
        byte[] more = TestShards.framed(1, 10, 10, 7);
        FrameVerifier verifier = new FrameVerifier();
        verifier.update(ByteBuffer.wrap(first));
        assertEquals(ShardStoreException.Kind.INVALID_ARGUMENT,
                assertThrows(ShardStoreException.class, () -> verifier.update(ByteBuffer.wrap(more))).kind());
    }
}
