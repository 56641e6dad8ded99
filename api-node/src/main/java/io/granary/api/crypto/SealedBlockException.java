package io.granary.api.crypto;

/** A stored block that does not decrypt: the wrong key, a block out of place, or bytes altered at rest. */
public final class SealedBlockException extends RuntimeException {
    public SealedBlockException(String message, Throwable cause) {
        super(message, cause);
    }
}
