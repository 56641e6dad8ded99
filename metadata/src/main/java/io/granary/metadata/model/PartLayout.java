package io.granary.metadata.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where the bytes of one part (part 1 for a simple PUT) live: the shard-set id, used as the
 * prefix of every shard file id, and the data node holding each shard index, so
 * {@code nodes.size() == k + m} and {@code nodes.get(i)} holds shard i, or is null when no node took it
 * (a write with fewer than k + m nodes online; heal places it later). {@code checksum} is the part's
 * own checksum in a completed multipart object (GetObjectAttributes lists it), else null. {@code size} is
 * the length of what the data nodes store; {@code sealing} says how the part is encrypted at rest, null when
 * it is not, and then {@link #plainSize()} equals {@code size}.
 */
public record PartLayout(int partNumber, long size, String etag, String shardSetId, List<String> nodes,
                         Checksum checksum, Sealing sealing) {

    public PartLayout {
        nodes = Collections.unmodifiableList(new ArrayList<>(nodes));
    }

    /** A part without a recorded checksum, stored in clear. */
    public PartLayout(int partNumber, long size, String etag, String shardSetId, List<String> nodes) {
        this(partNumber, size, etag, shardSetId, nodes, null, null);
    }

    /** The part's length as clients see it: the plaintext's. */
    public long plainSize() {
        return sealing == null ? size : sealing.plainSize();
    }

    /** The same part with shard {@code index} moved to {@code node}. */
    public PartLayout withNode(int index, String node) {
        List<String> copy = new ArrayList<>(nodes);
        copy.set(index, node);
        return new PartLayout(partNumber, size, etag, shardSetId, copy, checksum, sealing);
    }

    /** The same part with its data key wrapped as {@code wrappedKey} (master-key rotation); it must be sealed. */
    public PartLayout withWrappedKey(String wrappedKey) {
        return new PartLayout(partNumber, size, etag, shardSetId, nodes, checksum, sealing.withWrappedKey(wrappedKey));
    }

    /** Whether {@code other} is this part with at most its data key wrapped differently. */
    public boolean sameExceptWrappedKey(PartLayout other) {
        if (sealing == null || other.sealing == null) return equals(other);
        return other.withWrappedKey(sealing.wrappedKey()).equals(this);
    }

    /** The same part carrying its checksum. */
    public PartLayout withChecksum(Checksum newChecksum) {
        return new PartLayout(partNumber, size, etag, shardSetId, nodes, newChecksum, sealing);
    }
}
