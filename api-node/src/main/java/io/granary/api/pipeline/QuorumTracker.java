package io.granary.api.pipeline;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import java.util.BitSet;

/**
 * Which of an upload's shard writes are still alive, and whether enough are to go on: a write
 * succeeds only while at least {@code writeQuorum} shards (never fewer than k) are alive. A shard
 * that fails is dropped for the rest of the upload; the ones that fail while quorum holds are
 * reported so the commit can queue them for healing.
 */
public final class QuorumTracker {
    private final int shards;
    private final int writeQuorum;
    private final BitSet alive;
    private Throwable firstFailure;

    public QuorumTracker(int shards, int writeQuorum) {
        if (writeQuorum < 1 || writeQuorum > shards) {
            throw new IllegalArgumentException("write quorum " + writeQuorum + " of " + shards + " shards");
        }
        this.shards = shards;
        this.writeQuorum = writeQuorum;
        this.alive = new BitSet(shards);
        alive.set(0, shards);
    }

    public boolean isAlive(int shard) {
        return alive.get(shard);
    }

    /** Marks {@code shard} failed; returns true if the upload still has its quorum. */
    public boolean fail(int shard, Throwable cause) {
        if (alive.get(shard) && firstFailure == null) firstFailure = cause;
        alive.clear(shard);
        return hasQuorum();
    }

    public boolean hasQuorum() {
        return alive.cardinality() >= writeQuorum;
    }

    /** Shard indexes that failed. */
    public BitSet failed() {
        BitSet failed = new BitSet(shards);
        failed.set(0, shards);
        failed.andNot(alive);
        return failed;
    }

    /** The error a client gets when the quorum is lost: retryable 503, the first cause attached for the log. */
    public S3Exception quorumLost() {
        return S3Exception.of(S3Error.SERVICE_UNAVAILABLE, "Too few data nodes accepted the data ("
                + alive.cardinality() + " of " + shards + ", " + writeQuorum + " needed); please retry.",
                firstFailure);
    }
}
