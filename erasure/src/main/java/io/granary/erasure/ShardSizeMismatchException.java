package io.granary.erasure;

/** The shards handed to the codec do not all have the same size; the message names the first offender. */
public final class ShardSizeMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ShardSizeMismatchException(String message) {
        super(message);
    }
}
