package io.granary.api.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The six (k+m) shard files of one object or part: their common id and the node of each index. */
public record ShardSet(String id, List<String> nodes) {

    public ShardSet {
        // Null where no node took the index (fewer than k + m online at write).
        nodes = Collections.unmodifiableList(new ArrayList<>(nodes));
    }
}
