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
}
