package io.granary.api.pipeline;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shard sets this API node is writing whose metadata is not settled yet. Their shards can be committed on
 * the data nodes, and referenced by no record, for as long as the slowest shard's answer and the metadata
 * commit take (tens of seconds under load); the orphan collector skips them whatever its grace period, which
 * then only has to cover writes by other processes (an API node that crashed mid-PUT).
 */
public final class SetsInFlight {
    private final Set<String> sets = ConcurrentHashMap.newKeySet();

    public void add(String setId) {
        sets.add(setId);
    }

    /** The write of {@code setId} is settled: committed to metadata, or failed and its shards left to collect. */
    public void remove(String setId) {
        sets.remove(setId);
    }

    public boolean contains(String setId) {
        return sets.contains(setId);
    }

    public int size() {
        return sets.size();
    }
}
