package io.granary.metadata.model;

/** Why a shard needs rebuilding. */
public enum HealReason {
    WRITE_FAILED,
    READ_FAILED,
    CHECKSUM_MISMATCH,
    NODE_LOST,
    SCRUB
}
