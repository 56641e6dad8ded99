package io.granary.api.crypto;

/**
 * The geometry of a part encrypted at rest: the plaintext is cut into blocks of {@link #PLAIN_BLOCK} bytes
 * (the last may be shorter), and each is stored as its AES-256-GCM ciphertext followed by its 16-byte tag.
 * A range of the plaintext maps to whole stored blocks, so a ranged GET reads and decrypts only those.
 */
public final class SealedBlocks {
    public static final int PLAIN_BLOCK = 64 * 1024;
    public static final int TAG = 16;
    public static final int SEALED_BLOCK = PLAIN_BLOCK + TAG;

    private SealedBlocks() {
    }

    /** Blocks a plaintext of {@code plainSize} bytes is cut into (none for an empty one). */
    public static long blocks(long plainSize) {
        return (plainSize + PLAIN_BLOCK - 1) / PLAIN_BLOCK;
    }

    /** Stored length of a plaintext of {@code plainSize} bytes. */
    public static long sealedLength(long plainSize) {
        return plainSize + TAG * blocks(plainSize);
    }

    /** Plaintext length of a stored length (the inverse of {@link #sealedLength}); -1 when none maps to it. */
    public static long plainLength(long sealedLength) {
        long blocks = (sealedLength + SEALED_BLOCK - 1) / SEALED_BLOCK;
        long plain = sealedLength - TAG * blocks;
        return plain < 0 || sealedLength(plain) != sealedLength ? -1 : plain;
    }

    /** The stored offset where the block holding plaintext byte {@code plainOffset} starts. */
    public static long storedStart(long plainOffset) {
        return plainOffset / PLAIN_BLOCK * SEALED_BLOCK;
    }

    /** The last stored byte of the block holding plaintext byte {@code plainOffset}, in a part of {@code plainSize}. */
    public static long storedEnd(long plainOffset, long plainSize) {
        return Math.min((plainOffset / PLAIN_BLOCK + 1) * SEALED_BLOCK, sealedLength(plainSize)) - 1;
    }
}
