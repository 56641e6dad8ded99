package io.granary.api.heal;

/** A shard set that cannot be healed right now (no node to move a shard to, already healing). */
public final class HealException extends Exception {
    public HealException(String message) {
        super(message);
    }
}
