package io.granary.metadata.model;

/**
 * How one part is encrypted at rest: its {@link Encryption}, the plaintext length (the part's layout size is
 * what the data nodes store: the plaintext cut into blocks, each followed by its tag), the part's data key
 * wrapped under the encryption's key-encryption key ({@code wrappedKey}, base64), and the CRC32C of the stored
 * bytes ({@code storedCrc32c}, 8 hex digits), which lets the recovery drill verify the part without any key.
 */
public record Sealing(Encryption encryption, long plainSize, String wrappedKey, String storedCrc32c) {

    /** This sealing with its data key wrapped anew (master-key rotation), the data unchanged. */
    public Sealing withWrappedKey(String newWrappedKey) {
        return new Sealing(encryption, plainSize, newWrappedKey, storedCrc32c);
    }
}
