package io.granary.api.heal;

/**
 * A snapshot of one background pass over every object (a full heal or a scrub), as the admin API
 * returns it and the admin CLI shows it. Counters only grow while the pass runs. For a heal,
 * {@code shardsBad} are the missing or corrupt shards found and {@code shardsRepaired} those rebuilt;
 * for a scrub, {@code shardsBad} are those found bad and queued for heal. A pass is clean when it is
 * {@link State#DONE} with {@code shardsFailed == 0}.
 *
 * @param node           the node the pass is limited to, or null for every node
 * @param objectsTotal   objects (and open-upload parts) in the store when the pass started
 * @param bytes          shard bytes rebuilt (heal) or verified (scrub)
 * @param etaSeconds     estimated seconds left, or -1 when unknown
 * @param error          why the pass failed, or null
 */
public record JobProgress(String kind, State state, String node, long startedMillis, long finishedMillis,
                          long objectsScanned, long objectsTotal, long shardsChecked, long shardsBad,
                          long shardsRepaired, long shardsFailed, long bytes, double bytesPerSecond,
                          long etaSeconds, String error) {

    /** Where a pass is. */
    public enum State { IDLE, RUNNING, DONE, FAILED }

    /** The progress of a kind of pass that never ran. */
    public static JobProgress idle(String kind) {
        return new JobProgress(kind, State.IDLE, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, null);
    }

    /**
     * A snapshot whose rate (bytes over the pass's own duration: until now while running, until its end after)
     * and ETA (remaining objects at the rate objects went so far; rough, objects differ in size) are derived.
     */
    static JobProgress of(String kind, State state, String node, long startedMillis, long finishedMillis,
            long nowMillis, long objectsScanned, long objectsTotal, long shardsChecked, long shardsBad,
            long shardsRepaired, long shardsFailed, long bytes, String error) {
        boolean running = state == State.RUNNING;
        long elapsed = Math.max(1, (running ? nowMillis : finishedMillis) - startedMillis);
        long eta = -1;
        if (state == State.DONE) {
            eta = 0;
        } else if (running && objectsScanned > 0) {
            eta = Math.max(0, objectsTotal - objectsScanned) * elapsed / objectsScanned / 1000;
        }
        return new JobProgress(kind, state, node, startedMillis, finishedMillis, objectsScanned, objectsTotal,
                shardsChecked, shardsBad, shardsRepaired, shardsFailed, bytes, bytes * 1000.0 / elapsed, eta, error);
    }

    public boolean clean() {
        return state == State.DONE && shardsFailed == 0;
    }
}
