package io.granary.api.heal;

/**
 * The durable state of a full heal: where its scan is (phase and cursor) and its counters, stored as
 * JSON in the metadata store's cluster records after every page so that a restart resumes the pass.
 * Immutable; every change returns a new checkpoint.
 */
record HealCheckpoint(String node, Phase phase, String cursor, JobProgress.State state, long startedMillis,
                      long finishedMillis, long objectsScanned, long objectsTotal, long shardsChecked, long shardsBad,
                      long shardsRepaired, long shardsFailed, long bytes, String error) {

    /** Objects first, then the parts of open uploads. */
    enum Phase { OBJECTS, PARTS, DONE }

    static HealCheckpoint idle() {
        return new HealCheckpoint(null, Phase.DONE, null, JobProgress.State.IDLE, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);
    }

    static HealCheckpoint starting(String node, long now) {
        return new HealCheckpoint(node, Phase.OBJECTS, null, JobProgress.State.RUNNING, now, 0, 0, 0, 0, 0, 0, 0, 0,
                null);
    }

    boolean running() {
        return state == JobProgress.State.RUNNING;
    }

    HealCheckpoint withTotal(long total) {
        return new HealCheckpoint(node, phase, cursor, state, startedMillis, finishedMillis, objectsScanned, total,
                shardsChecked, shardsBad, shardsRepaired, shardsFailed, bytes, error);
    }

    /** After a page of {@code objects}: the next cursor, or the next phase when the scan of this one ended. */
    HealCheckpoint advanced(int objects, String nextCursor) {
        Phase next = nextCursor != null ? phase : phase == Phase.OBJECTS ? Phase.PARTS : Phase.DONE;
        return new HealCheckpoint(node, next, nextCursor, state, startedMillis, finishedMillis,
                objectsScanned + objects, objectsTotal, shardsChecked, shardsBad, shardsRepaired, shardsFailed, bytes,
                error);
    }

    /** Shards checked, found lost, and that could not be checked (their node did not answer). */
    HealCheckpoint checked(int shards, int lost, int unreachable) {
        return new HealCheckpoint(node, phase, cursor, state, startedMillis, finishedMillis, objectsScanned,
                objectsTotal, shardsChecked + shards, shardsBad + lost, shardsRepaired, shardsFailed + unreachable,
                bytes, error);
    }

    HealCheckpoint repaired(int shards, long rebuiltBytes) {
        return new HealCheckpoint(node, phase, cursor, state, startedMillis, finishedMillis, objectsScanned,
                objectsTotal, shardsChecked, shardsBad, shardsRepaired + shards, shardsFailed, bytes + rebuiltBytes,
                error);
    }

    HealCheckpoint failed(int shards) {
        return new HealCheckpoint(node, phase, cursor, state, startedMillis, finishedMillis, objectsScanned,
                objectsTotal, shardsChecked, shardsBad, shardsRepaired, shardsFailed + shards, bytes, error);
    }

    HealCheckpoint finished(long now, String failure) {
        return new HealCheckpoint(node, Phase.DONE, null, failure == null ? JobProgress.State.DONE
                : JobProgress.State.FAILED, startedMillis, now, objectsScanned, objectsTotal, shardsChecked, shardsBad,
                shardsRepaired, shardsFailed, bytes, failure);
    }

    JobProgress progress(String kind, long now) {
        if (state == JobProgress.State.IDLE) return JobProgress.idle(kind);
        return JobProgress.of(kind, state, node, startedMillis, finishedMillis, now, objectsScanned, objectsTotal,
                shardsChecked, shardsBad, shardsRepaired, shardsFailed, bytes, error);
    }
}
