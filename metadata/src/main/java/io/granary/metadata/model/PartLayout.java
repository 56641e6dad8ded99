package io.granary.metadata.model;

import java.util.List;

/**
 * Where the bytes of one part (part 1 for a simple PUT) live: the shard-set id, used as the
 * prefix of every shard file id, and the data node holding each shard index, so
 * {@code nodes.size() == k + m} and {@code nodes.get(i)} holds shard i.
 */
public record PartLayout(int partNumber, long size, String etag, String shardSetId, List<String> nodes) {

    public PartLayout {
        nodes = List.copyOf(nodes);
    }

    /** The same part with shard {@code index} moved to {@code node}. */
    public PartLayout withNode(int index, String node) {
        String[] copy = nodes.toArray(new String[0]);
        copy[index] = node;
        return new PartLayout(partNumber, size, etag, shardSetId, List.of(copy));
    }
}
