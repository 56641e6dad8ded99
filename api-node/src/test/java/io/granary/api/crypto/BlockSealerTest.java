package io.granary.api.crypto;

import static io.granary.api.crypto.SealedBlocks.PLAIN_BLOCK;
import static io.granary.api.crypto.SealedBlocks.SEALED_BLOCK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlockSealerTest {
    private static final byte[] KEY = new byte[32];

    static {
        new Random(7).nextBytes(KEY);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, PLAIN_BLOCK - 1, PLAIN_BLOCK, PLAIN_BLOCK + 1, 3 * PLAIN_BLOCK + 12_345})
    void sealedBlocksOpenBackToThePlaintextWhateverThePieces(int size) {
        byte[] plain = new byte[size];
        new Random(size).nextBytes(plain);
        byte[] stored = seal(plain, 1000);
        assertEquals(SealedBlocks.sealedLength(size), stored.length);
        CRC32C crc = new CRC32C();
        crc.update(stored);
        assertArrayEquals(plain, open(stored, size));
        BlockSealer again = new BlockSealer(new BlockCipher(KEY), b -> { });
        again.write(ByteBuffer.wrap(plain));
        again.finish();
        assertEquals(String.format("%08x", crc.getValue()), again.storedCrc32c());
    }

    @Test
    void theStoredBytesHoldNoPlaintext() {
        byte[] plain = "a marker that must not be on disk ".repeat(5000).getBytes();
        byte[] stored = seal(plain, 4096);
        byte[] marker = "a marker that must not be on disk".getBytes();
        for (int i = 0; i + marker.length <= stored.length; i++) {
            assertEquals(false, Arrays.equals(stored, i, i + marker.length, marker, 0, marker.length), "at " + i);
        }
    }

    @Test
    void anAlteredBlockAMovedBlockAndAPartCutAtABlockBoundaryDoNotOpen() {
        byte[] plain = new byte[3 * PLAIN_BLOCK];
        new Random(3).nextBytes(plain);
        byte[] stored = seal(plain, PLAIN_BLOCK);
        BlockCipher cipher = new BlockCipher(KEY);
        byte[] altered = stored.clone();
        altered[SEALED_BLOCK + 5] ^= 1;
        assertThrows(SealedBlockException.class, () -> open(altered, plain.length));
        // Block 0's bytes in block 1's place.
        assertThrows(SealedBlockException.class, () -> cipher.open(1, false, ByteBuffer.wrap(stored, 0,
                SEALED_BLOCK), ByteBuffer.allocate(PLAIN_BLOCK)));
        // The first two blocks alone: block 1 was not sealed as the last one.
        assertThrows(SealedBlockException.class, () -> cipher.open(1, true, ByteBuffer.wrap(stored, SEALED_BLOCK,
                SEALED_BLOCK), ByteBuffer.allocate(PLAIN_BLOCK)));
        BlockCipher other = new BlockCipher(new byte[32]);
        assertThrows(SealedBlockException.class, () -> other.open(0, false, ByteBuffer.wrap(stored, 0,
                SEALED_BLOCK), ByteBuffer.allocate(PLAIN_BLOCK)));
    }

    /** Seals {@code plain} fed in pieces of {@code piece} bytes. */
    private static byte[] seal(byte[] plain, int piece) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BlockSealer sealer = new BlockSealer(new BlockCipher(KEY), block -> {
            byte[] bytes = new byte[block.remaining()];
            block.get(bytes);
            out.writeBytes(bytes);
        });
        for (int from = 0; from < plain.length; from += piece) {
            sealer.write(ByteBuffer.wrap(plain, from, Math.min(piece, plain.length - from)));
        }
        sealer.finish();
        return out.toByteArray();
    }

    private static byte[] open(byte[] stored, long plainSize) {
        BlockCipher cipher = new BlockCipher(KEY);
        ByteBuffer plain = ByteBuffer.allocate((int) plainSize);
        long blocks = SealedBlocks.blocks(plainSize);
        for (int i = 0; i < blocks; i++) {
            int from = i * SEALED_BLOCK;
            cipher.open(i, i == blocks - 1, ByteBuffer.wrap(stored, from, Math.min(SEALED_BLOCK,
                    stored.length - from)), plain);
        }
        return plain.array();
    }
}
