package io.granary.api.heal;

/**
 * The live counters of one background pass, turned into {@link JobProgress} snapshots on demand. The pass
 * updates them from its context while the admin API reads snapshots from any thread, hence the locking;
 * counters only grow, and a finished pass never changes again. Shards the pass could not reach (node
 * offline) are counted apart: neither checked nor failed.
 */
final class PassCounters {
    private final String kind;
    private final String node;
    private final long startedMillis;
    private JobProgress.State state = JobProgress.State.RUNNING;
    private long finishedMillis;
    private long objectsTotal;
    private long objectsScanned;
    private long shardsChecked;
    private long shardsBad;
    private long shardsFailed;
    private long shardsRepaired;
    private long shardsUnreachable;
    private long bytes;
    private String error;

    PassCounters(String kind, String node, long startedMillis) {
        this.kind = kind;
        this.node = node;
        this.startedMillis = startedMillis;
    }

    String node() {
        return node;
    }

    synchronized boolean running() {
        return state == JobProgress.State.RUNNING;
    }

    synchronized void objectsTotal(long total) {
        objectsTotal = total;
    }

    synchronized void objectScanned() {
        objectsScanned++;
    }

    /** A shard was read to the end or found missing; {@code bad} when it was missing or corrupt. */
    synchronized void shardChecked(boolean bad) {
        shardsChecked++;
        if (bad) shardsBad++;
    }

    /** Something the pass checked was put right (a data key re-wrapped). */
    synchronized void repaired() {
        shardsRepaired++;
    }

    /** A shard could not be checked: its node answered with an error other than corrupt or missing. */
    synchronized void shardFailed() {
        shardsFailed++;
    }

    /** A shard could not be checked because its node is offline. */
    synchronized void shardUnreachable() {
        shardsUnreachable++;
    }

    synchronized long shardsUnreachable() {
        return shardsUnreachable;
    }

    synchronized void bytes(long count) {
        bytes += count;
    }

    /** Ends the pass: DONE, or FAILED with {@code failure}'s message when it is not null. */
    synchronized void finish(Throwable failure, long nowMillis) {
        finishedMillis = nowMillis;
        state = failure == null ? JobProgress.State.DONE : JobProgress.State.FAILED;
        error = failure == null ? null : String.valueOf(failure.getMessage());
    }

    synchronized JobProgress snapshot(long nowMillis) {
        return JobProgress.of(kind, state, node, startedMillis, finishedMillis, nowMillis, objectsScanned,
                objectsTotal, shardsChecked, shardsBad, shardsRepaired, shardsFailed, bytes, error);
    }
}
