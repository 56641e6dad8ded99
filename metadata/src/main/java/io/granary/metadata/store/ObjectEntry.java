package io.granary.metadata.store;

import io.granary.metadata.model.ObjectRecord;

/** An object found by a full scan, with the name of its bucket. */
public record ObjectEntry(String bucket, ObjectRecord object) {
}
