package io.granary.metadata.store;

import io.granary.metadata.model.ObjectRecord;

/** An object version found by a full scan, with the name of its bucket and whether it is the key's current one. */
public record ObjectEntry(String bucket, ObjectRecord object, boolean current) {

    /** A current object. */
    public ObjectEntry(String bucket, ObjectRecord object) {
        this(bucket, object, true);
    }
}
