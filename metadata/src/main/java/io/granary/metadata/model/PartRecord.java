package io.granary.metadata.model;

import java.util.List;

/**
 * One uploaded part of a multipart upload: its layout (number, size, ETag, shard set and nodes),
 * the erasure parameters it was written with, its checksums and when it was uploaded. Version 2: the layout
 * may carry its {@link Sealing}.
 */
public record PartRecord(PartLayout layout, int k, int m, int blockSize, List<Checksum> checksums,
                         long lastModifiedMillis) {
    public static final int FORMAT_VERSION = 2;

    public PartRecord {
        checksums = checksums == null ? List.of() : List.copyOf(checksums);
    }

    public int partNumber() {
        return layout.partNumber();
    }

    /** The part's length as clients see it (the plaintext's, when it is encrypted at rest). */
    public long size() {
        return layout.plainSize();
    }

    public String etag() {
        return layout.etag();
    }

    /** This part with {@code newLayout}. */
    public PartRecord withLayout(PartLayout newLayout) {
        return new PartRecord(newLayout, k, m, blockSize, checksums, lastModifiedMillis);
    }
}
