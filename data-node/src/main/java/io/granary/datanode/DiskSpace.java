package io.granary.datanode;

import java.util.function.LongSupplier;

/**
 * A node's free space and the part of it kept back from new shards. Below the reserve the node takes no new
 * shard (it reports itself full and the API node places around it), but deletes, tombstones and compaction still
 * may use the reserve: they are how space comes back, and a file system driven to its last byte fails them too.
 */
public final class DiskSpace {
    /** The reserve when none is given: 1 % of the file system, at most 1 GiB. */
    public static final long DEFAULT_RESERVE_CAP = 1L << 30;

    private final LongSupplier usable;
    private final long reserve;

    public DiskSpace(LongSupplier usable, long reserve) {
        if (reserve < 0) throw new IllegalArgumentException("negative reserve " + reserve);
        this.usable = usable;
        this.reserve = reserve;
    }

    /** The reserve for a file system of {@code totalBytes} when the operator set none. */
    public static long defaultReserve(long totalBytes) {
        return Math.min(DEFAULT_RESERVE_CAP, totalBytes / 100);
    }

    public long usable() {
        return usable.getAsLong();
    }

    public long reserve() {
        return reserve;
    }

    /** Whether a new shard of {@code bytes} fits above the reserve. */
    public boolean fitsNewShard(long bytes) {
        return usable() - bytes > reserve;
    }

    /** The refusal of a new shard that does not fit. */
    public ShardStoreException full(String what, long bytes) {
        return new ShardStoreException(ShardStoreException.Kind.NO_SPACE, "data node full: no room for " + what
                + " (" + bytes + " bytes; " + usable() + " free, " + reserve + " reserved)");
    }
}
