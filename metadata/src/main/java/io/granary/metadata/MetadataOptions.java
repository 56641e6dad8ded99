package io.granary.metadata;

/**
 * How the metadata store is opened. {@code syncWrites} is true in production (every commit is
 * fsynced before it returns); only bulk loaders such as benchmarks turn it off.
 * {@code minPartSize} is S3's EntityTooSmall limit for every part but the last (0 disables it).
 */
public record MetadataOptions(long blockCacheBytes, int maxBackgroundJobs, boolean syncWrites, long minPartSize) {

    /** S3's minimum size of a multipart part other than the last. */
    public static final long S3_MIN_PART_SIZE = 5L * 1024 * 1024;

    public MetadataOptions {
        if (blockCacheBytes < 1 << 20) throw new IllegalArgumentException("block cache below 1 MiB");
        if (maxBackgroundJobs < 1) throw new IllegalArgumentException("maxBackgroundJobs < 1");
        if (minPartSize < 0) throw new IllegalArgumentException("minPartSize < 0");
    }

    /** 256 MiB block cache, two background jobs, synced writes, S3's 5 MiB minimum part size. */
    public static MetadataOptions defaults() {
        return new MetadataOptions(256L << 20, 2, true, S3_MIN_PART_SIZE);
    }

    public MetadataOptions withBlockCacheBytes(long bytes) {
        return new MetadataOptions(bytes, maxBackgroundJobs, syncWrites, minPartSize);
    }

    public MetadataOptions withSyncWrites(boolean sync) {
        return new MetadataOptions(blockCacheBytes, maxBackgroundJobs, sync, minPartSize);
    }

    public MetadataOptions withMinPartSize(long bytes) {
        return new MetadataOptions(blockCacheBytes, maxBackgroundJobs, syncWrites, bytes);
    }
}
