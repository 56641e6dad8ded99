package io.granary.api.heal;

/** A shard set that cannot be healed right now (no node to move a shard to, or another heal of it running). */
public final class HealException extends Exception {
    private final boolean busy;

    public HealException(String message, boolean busy) {
        super(message);
        this.busy = busy;
    }

    /** Another heal of the same set is in flight: try again once it is done ({@link ShardHealer#idle}). */
    public boolean busy() {
        return busy;
    }

    /** No node that can take the shard (the others are offline, full or hold one already): try once one can. */
    public boolean noNode() {
        return !busy;
    }
}
