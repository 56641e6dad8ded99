package io.granary.api.pipeline;

import java.util.List;

/** The six (k+m) shard files of one object or part: their common id and the node of each index. */
public record ShardSet(String id, List<String> nodes) {

    public ShardSet {
        nodes = List.copyOf(nodes);
    }
}
