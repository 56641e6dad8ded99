package io.granary.erasure;

/** A chunk frame failed its checks (version, length or CRC32C); callers treat the chunk as missing. */
public final class CorruptChunkException extends Exception {
    private static final long serialVersionUID = 1L;

    public CorruptChunkException(String message) {
        super(message);
    }
}
