package io.granary.metadata.model;

/** How a checksum was computed: over the whole object, or as a checksum of part checksums. */
public enum ChecksumType {
    COMPOSITE,
    FULL_OBJECT
}
