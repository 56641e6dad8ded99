package io.granary.api.crypto;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * The write side of a sealed part: plaintext in, stored blocks out, in order, with the CRC32C of everything
 * emitted. A full block is sealed only once more plaintext (or the end) arrives, because the last block is
 * sealed as the last. Runs on the codec pool with the rest of an upload's CPU work. Not thread-safe.
 */
public final class BlockSealer {
    private final BlockCipher cipher;
    private final Consumer<ByteBuffer> out;
    private final ByteBuffer block = ByteBuffer.allocate(SealedBlocks.PLAIN_BLOCK);
    private final ByteBuffer sealed = ByteBuffer.allocate(SealedBlocks.SEALED_BLOCK);
    private final CRC32C crc = new CRC32C();
    private long index;
    private long storedBytes;

    /** @param out takes each stored block; the buffer is reused once it returns */
    public BlockSealer(BlockCipher cipher, Consumer<ByteBuffer> out) {
        this.cipher = cipher;
        this.out = out;
    }

    public void write(ByteBuffer plain) {
        while (plain.hasRemaining()) {
            if (!block.hasRemaining()) seal(false);
            int n = Math.min(block.remaining(), plain.remaining());
            block.put(plain.slice(plain.position(), n));
            plain.position(plain.position() + n);
        }
    }

    /** Seals what is left as the last block (nothing for an empty part). */
    public void finish() {
        if (block.position() > 0) seal(true);
    }

    /** CRC32C of the stored bytes emitted so far, as 8 hex digits. */
    public String storedCrc32c() {
        return String.format(Locale.ROOT, "%08x", crc.getValue());
    }

    public long storedBytes() {
        return storedBytes;
    }

    private void seal(boolean last) {
        block.flip();
        sealed.clear();
        cipher.seal(index++, last, block, sealed);
        sealed.flip();
        crc.update(sealed.duplicate());
        storedBytes += sealed.remaining();
        out.accept(sealed);
        block.clear();
    }
}
