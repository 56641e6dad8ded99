package io.granary.api.heal;

import java.time.Duration;

/**
 * How the API node's background workers run: garbage collection, abandoned uploads, orphan shards,
 * scrub and heal rates, and data-node health checks.
 *
 * @param orphanGrace           a shard file no record references is deleted only when older than this
 *                              (a write in flight commits its record after its shards)
 * @param scrubBytesPerSecond   scrub read rate (0: unlimited)
 * @param healBytesPerSecond    heal rebuild rate (0: unlimited)
 */
public record BackgroundSettings(long garbageIntervalMillis, Duration abandonedUploadAge, Duration orphanGrace,
                                 long scrubBytesPerSecond, long healBytesPerSecond, long healthCheckIntervalMillis) {
    /** S3 lifecycle's usual default for incomplete multipart uploads. */
    public static final Duration DEFAULT_ABANDONED_UPLOAD_AGE = Duration.ofDays(7);

    public static BackgroundSettings defaults() {
        return new BackgroundSettings(2_000, DEFAULT_ABANDONED_UPLOAD_AGE, Duration.ofHours(1), 32L << 20, 0, 1_000);
    }
}
