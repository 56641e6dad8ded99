package io.granary.metadata.store;

import io.granary.metadata.model.PartRecord;

/** A part of an open upload found by a full scan. */
public record PartEntry(String bucket, String key, String uploadId, PartRecord part) {
}
