package io.granary.metadata.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where the bytes of one part (part 1 for a simple PUT) live: the shard-set id, used as the
 * prefix of every shard file id, and the data node holding each shard index, so
 * {@code nodes.size() == k + m} and {@code nodes.get(i)} holds shard i, or is null when no node took it
 * (a write with fewer than k + m nodes online; heal places it later). {@code checksum} is the part's
 * own checksum in a completed multipart object (GetObjectAttributes lists it), else null.
 */
public record PartLayout(int partNumber, long size, String etag, String shardSetId, List<String> nodes,
                         Checksum checksum) {

    public PartLayout {
        nodes = Collections.unmodifiableList(new ArrayList<>(nodes));
    }

    /** A part without a recorded checksum. */
    public PartLayout(int partNumber, long size, String etag, String shardSetId, List<String> nodes) {
        this(partNumber, size, etag, shardSetId, nodes, null);
    }

    /** The same part with shard {@code index} moved to {@code node}. */
    public PartLayout withNode(int index, String node) {
        List<String> copy = new ArrayList<>(nodes);
        copy.set(index, node);
        return new PartLayout(partNumber, size, etag, shardSetId, copy, checksum);
    }

    /** The same part carrying its checksum. */
    public PartLayout withChecksum(Checksum newChecksum) {
        return new PartLayout(partNumber, size, etag, shardSetId, nodes, newChecksum);
    }
}
