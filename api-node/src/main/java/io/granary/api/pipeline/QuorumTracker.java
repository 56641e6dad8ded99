package io.granary.api.pipeline;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import java.util.BitSet;
import java.util.function.BiConsumer;

/**
 * Which of an upload's shard writes are still alive, and whether enough are to go on: a write
 * succeeds only while at least {@code writeQuorum} shards (never fewer than k) are alive. A shard
 * that fails is dropped for the rest of the upload; the ones that fail while quorum holds are
 * reported so the commit can queue them for healing, and each failure with its cause to a listener (which
 * takes a node that refused for lack of room out of placement).
 */
public final class QuorumTracker {
    private final int shards;
    private final int writeQuorum;
    private final BitSet alive;
    private final BiConsumer<Integer, Throwable> onFailure;
    /** Each failed shard's first cause (null where none was given), by index. */
    private final Throwable[] causes;

    public QuorumTracker(int shards, int writeQuorum) {
        this(shards, writeQuorum, (shard, cause) -> { });
    }

    /** @param onFailure told of each shard's first failure that has a cause */
    public QuorumTracker(int shards, int writeQuorum, BiConsumer<Integer, Throwable> onFailure) {
        if (writeQuorum < 1 || writeQuorum > shards) {
            throw new IllegalArgumentException("write quorum " + writeQuorum + " of " + shards + " shards");
        }
        this.shards = shards;
        this.writeQuorum = writeQuorum;
        this.alive = new BitSet(shards);
        alive.set(0, shards);
        this.onFailure = onFailure;
        this.causes = new Throwable[shards];
    }

    public boolean isAlive(int shard) {
        return alive.get(shard);
    }

    /** Marks {@code shard} failed; returns true if the upload still has its quorum. */
    public boolean fail(int shard, Throwable cause) {
        if (alive.get(shard) && cause != null) {
            causes[shard] = cause;
            onFailure.accept(shard, cause);
        }
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

    /**
     * The error a client gets when the quorum is lost: retryable 503, with a cause for the log naming every
     * failed shard and why (one cause alone left a soak's second failure unexplained).
     */
    public S3Exception quorumLost() {
        StringBuilder why = new StringBuilder();
        Throwable first = null;
        BitSet failed = failed();
        for (int shard = failed.nextSetBit(0); shard >= 0; shard = failed.nextSetBit(shard + 1)) {
            if (!why.isEmpty()) why.append("; ");
            why.append("shard ").append(shard).append(": ")
                    .append(causes[shard] == null ? "not opened" : causes[shard].getMessage());
            if (first == null) first = causes[shard];
        }
        return S3Exception.of(S3Error.SERVICE_UNAVAILABLE, "Too few data nodes accepted the data ("
                + alive.cardinality() + " of " + shards + ", " + writeQuorum + " needed); please retry.",
                new ShardFailures(why.toString(), first));
    }

    /** What each failed shard of a write met; its cause is the first of them. */
    static final class ShardFailures extends RuntimeException {
        ShardFailures(String message, Throwable first) {
            super(message, first, false, false);
        }
    }
}
