package io.granary.erasure;

/**
 * Fewer than k valid shards of a stripe are available, so its data cannot be rebuilt. The object
 * (or this stripe of it) is unreadable until more shards come back; callers map this to a
 * service error, never to partial data.
 */
public final class TooFewShardsException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int available;
    private final int required;

    public TooFewShardsException(int available, int required) {
        super("too few shards to reconstruct: " + available + " available, " + required + " required");
        this.available = available;
        this.required = required;
    }

    /** Valid shards that were available. */
    public int available() {
        return available;
    }

    /** Shards needed (the number of data shards, k). */
    public int required() {
        return required;
    }
}
