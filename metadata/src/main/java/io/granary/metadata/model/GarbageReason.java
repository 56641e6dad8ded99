package io.granary.metadata.model;

/** Why a shard set became garbage. */
public enum GarbageReason {
    OVERWRITTEN,
    DELETED,
    PART_REPLACED,
    PART_UNUSED,
    UPLOAD_ABORTED,
    WRITE_FAILED,
    ORPHANED
}
