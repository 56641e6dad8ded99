package io.granary.api.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM over the blocks of one part, under that part's own data key. Block {@code i}'s nonce is
 * {@code i} (96 bits, big-endian): a key encrypts one part only, so nonces never repeat under a key, and a
 * block moved to another position fails its tag. The last block is authenticated as the last (its associated
 * data differs), so a part cut short at a block boundary is detected too. {@link #open} is thread-safe (each
 * thread decrypts with its own JCE cipher), so the blocks of one part can be opened in parallel; {@link #seal}
 * is for the one stream writing the part (its cipher is the instance's, which also lets the JCE refuse a nonce
 * used twice under the key).
 */
public final class BlockCipher {
    private static final byte[] MIDDLE = {0};
    private static final byte[] LAST = {1};
    private static final int NONCE_BYTES = 12;

    private static final ThreadLocal<Cipher> OPENING = ThreadLocal.withInitial(BlockCipher::newCipher);

    private final SecretKeySpec key;
    private Cipher sealing;

    public BlockCipher(byte[] dataKey) {
        if (dataKey.length != 32) throw new IllegalArgumentException("a data key is 32 bytes");
        this.key = new SecretKeySpec(dataKey, "AES");
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        }
    }

    /** Encrypts {@code plain} (its remaining bytes) as block {@code index} into {@code out}. */
    public void seal(long index, boolean last, ByteBuffer plain, ByteBuffer out) {
        try {
            init(Cipher.ENCRYPT_MODE, index, last).doFinal(plain, out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt block " + index, e);
        }
    }

    /**
     * Decrypts stored block {@code index} ({@code sealed}'s remaining bytes, tag included) into {@code out}.
     *
     * @throws SealedBlockException when the tag does not match: another key, another position, or altered bytes
     */
    public void open(long index, boolean last, ByteBuffer sealed, ByteBuffer out) {
        try {
            init(Cipher.DECRYPT_MODE, index, last).doFinal(sealed, out);
        } catch (AEADBadTagException e) {
            throw new SealedBlockException("block " + index + " does not decrypt under its data key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt block " + index, e);
        }
    }

    private Cipher init(int mode, long index, boolean last) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        ByteBuffer.wrap(nonce, NONCE_BYTES - Long.BYTES, Long.BYTES).putLong(index);
        Cipher cipher;
        if (mode == Cipher.DECRYPT_MODE) {
            cipher = OPENING.get();
        } else {
            if (sealing == null) sealing = newCipher();
            cipher = sealing;
        }
        cipher.init(mode, key, new GCMParameterSpec(SealedBlocks.TAG * 8, nonce));
        cipher.updateAAD(last ? LAST : MIDDLE);
        return cipher;
    }
}
