package io.granary.metadata.model;

import java.util.List;

/**
 * One uploaded part of a multipart upload: its layout (number, size, ETag, shard set and nodes),
 * the erasure parameters it was written with, its checksums and when it was uploaded.
 */
public record PartRecord(PartLayout layout, int k, int m, int blockSize, List<Checksum> checksums,
                         long lastModifiedMillis) {

    public PartRecord {
        checksums = checksums == null ? List.of() : List.copyOf(checksums);
    }

    public int partNumber() {
        return layout.partNumber();
    }

    public long size() {
        return layout.size();
    }

    public String etag() {
        return layout.etag();
    }
}
