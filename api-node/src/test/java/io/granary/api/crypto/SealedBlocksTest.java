package io.granary.api.crypto;

import static io.granary.api.crypto.SealedBlocks.PLAIN_BLOCK;
import static io.granary.api.crypto.SealedBlocks.SEALED_BLOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SealedBlocksTest {

    @ParameterizedTest(name = "{0} plaintext bytes")
    @ValueSource(longs = {0, 1, PLAIN_BLOCK - 1, PLAIN_BLOCK, PLAIN_BLOCK + 1, 5L * PLAIN_BLOCK, 64L << 20})
    void storedLengthAddsOneTagPerBlockAndInverts(long plain) {
        long sealed = SealedBlocks.sealedLength(plain);
        assertEquals(plain + 16 * ((plain + PLAIN_BLOCK - 1) / PLAIN_BLOCK), sealed);
        assertEquals(plain, SealedBlocks.plainLength(sealed));
    }

    @ParameterizedTest(name = "stored length {0}")
    @ValueSource(longs = {1, 16, SEALED_BLOCK + 16})
    void aStoredLengthNoPlaintextMapsToIsRefused(long sealed) {
        assertEquals(-1, SealedBlocks.plainLength(sealed));
    }

    @ParameterizedTest(name = "plaintext byte {0}")
    @ValueSource(longs = {0, 1, PLAIN_BLOCK - 1, PLAIN_BLOCK, 3L * PLAIN_BLOCK + 7})
    void aPlaintextByteMapsToTheWholeStoredBlockHoldingIt(long offset) {
        long plainSize = 3L * PLAIN_BLOCK + 100;
        long block = offset / PLAIN_BLOCK;
        assertEquals(block * SEALED_BLOCK, SealedBlocks.storedStart(offset));
        long expectedEnd = block == 3 ? SealedBlocks.sealedLength(plainSize) - 1 : (block + 1) * SEALED_BLOCK - 1;
        assertEquals(expectedEnd, SealedBlocks.storedEnd(offset, plainSize));
    }
}
