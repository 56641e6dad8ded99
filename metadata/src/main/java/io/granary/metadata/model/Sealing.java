package io.granary.metadata.model;

/**
 * How one part is encrypted at rest: {@code algorithm} as S3 names it ({@code AES256} for SSE-S3), the
 * plaintext length (the part's layout size is what the data nodes store: the plaintext cut into blocks, each
 * followed by its tag), the part's data key wrapped under the master key ({@code wrappedKey}, base64), and the
 * CRC32C of the stored bytes ({@code storedCrc32c}, 8 hex digits), which lets the recovery drill verify the
 * part without any key.
 */
public record Sealing(String algorithm, long plainSize, String wrappedKey, String storedCrc32c) {
    public static final String AES256 = "AES256";
}
