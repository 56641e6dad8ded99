package io.granary.metadata.model;

import java.util.List;

/**
 * The erasure layout of an object: k data and m parity shards per stripe of {@code blockSize}
 * data bytes, and its parts in ascending part-number order (one part for a simple PUT).
 */
public record ObjectLayout(int k, int m, int blockSize, List<PartLayout> parts) {

    public ObjectLayout {
        parts = List.copyOf(parts);
    }

    /** Whether {@code other} is this layout with at most its parts' data keys wrapped differently. */
    public boolean sameExceptWrappedKeys(ObjectLayout other) {
        if (k != other.k || m != other.m || blockSize != other.blockSize || parts.size() != other.parts.size()) {
            return false;
        }
        for (int i = 0; i < parts.size(); i++) {
            if (!parts.get(i).sameExceptWrappedKey(other.parts.get(i))) return false;
        }
        return true;
    }
}
