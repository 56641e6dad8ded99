package io.granary.metadata.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Shard files to delete: shard i of {@code shardSetId} on {@code nodes.get(i)}. A worker deletes
 * every shard and acknowledges; deleting an already missing shard counts as done.
 */
public record GarbageTask(String shardSetId, List<String> nodes, GarbageReason reason, long enqueuedMillis) {

    public GarbageTask {
        // Null where no node took the index (fewer than k + m online at write).
        nodes = Collections.unmodifiableList(new ArrayList<>(nodes));
    }

    /** The task that deletes every shard of {@code part}. */
    public static GarbageTask of(PartLayout part, GarbageReason reason, long now) {
        return new GarbageTask(part.shardSetId(), part.nodes(), reason, now);
    }
}
