package io.granary.api.heal;

import io.granary.api.notify.DeliverySettings;
import java.time.Duration;

/**
 * How the API node's background workers run: garbage collection, abandoned uploads, orphan shards,
 * scrub and heal rates, data-node health checks, and webhook delivery.
 *
 * @param orphanGrace           a shard file no record references is deleted only when older than this
 *                              (a write in flight commits its record after its shards)
 * @param scrubBytesPerSecond   scrub read rate (0: unlimited)
 * @param healBytesPerSecond    heal rebuild rate (0: unlimited)
 * @param scrubInterval         an automatic scrub pass starts this long after the previous one ended
 * @param orphanSweepInterval   how often every online node is swept for orphan shards
 * @param healPollInterval      how long the heal worker waits before looking again at an empty heal queue
 * @param webhooks              how bucket notifications are delivered to their webhooks
 */
public record BackgroundSettings(long garbageIntervalMillis, Duration abandonedUploadAge, Duration orphanGrace,
                                 long scrubBytesPerSecond, long healBytesPerSecond, long healthCheckIntervalMillis,
                                 Duration scrubInterval, Duration orphanSweepInterval, Duration healPollInterval,
                                 Duration lifecycleDay, DeliverySettings webhooks) {
    /** S3 lifecycle's usual default for incomplete multipart uploads. */
    public static final Duration DEFAULT_ABANDONED_UPLOAD_AGE = Duration.ofDays(7);
    public static final long DEFAULT_SCRUB_BYTES_PER_SECOND = 32L << 20;

    public static BackgroundSettings defaults() {
        return new BackgroundSettings(2_000, DEFAULT_ABANDONED_UPLOAD_AGE, Duration.ofHours(1),
                DEFAULT_SCRUB_BYTES_PER_SECOND, 0, 1_000, Duration.ofHours(24), Duration.ofMinutes(10),
                Duration.ofSeconds(1), Duration.ofDays(1), DeliverySettings.DEFAULTS);
    }

    /** The same settings with another scrub read rate (0: unlimited) and interval between automatic passes. */
    public BackgroundSettings withScrub(long bytesPerSecond, Duration interval) {
        return new BackgroundSettings(garbageIntervalMillis, abandonedUploadAge, orphanGrace, bytesPerSecond,
                healBytesPerSecond, healthCheckIntervalMillis, interval, orphanSweepInterval, healPollInterval,
                lifecycleDay, webhooks);
    }

    /** The same settings with another orphan-shard grace period and sweep interval. */
    public BackgroundSettings withOrphans(Duration grace, Duration sweepInterval) {
        return new BackgroundSettings(garbageIntervalMillis, abandonedUploadAge, grace, scrubBytesPerSecond,
                healBytesPerSecond, healthCheckIntervalMillis, scrubInterval, sweepInterval, healPollInterval,
                lifecycleDay, webhooks);
    }

    /** The same settings with another heal rebuild rate (0: unlimited). */
    public BackgroundSettings withHealRate(long bytesPerSecond) {
        return new BackgroundSettings(garbageIntervalMillis, abandonedUploadAge, orphanGrace, scrubBytesPerSecond,
                bytesPerSecond, healthCheckIntervalMillis, scrubInterval, orphanSweepInterval, healPollInterval,
                lifecycleDay, webhooks);
    }

    /** The same settings with another wait between looks at an empty heal queue. */
    public BackgroundSettings withHealPoll(Duration interval) {
        return new BackgroundSettings(garbageIntervalMillis, abandonedUploadAge, orphanGrace, scrubBytesPerSecond,
                healBytesPerSecond, healthCheckIntervalMillis, scrubInterval, orphanSweepInterval, interval,
                lifecycleDay, webhooks);
    }

    /** The same settings with another lifecycle day ({@code --lifecycle-day}, for tests). */
    public BackgroundSettings withLifecycleDay(Duration day) {
        return new BackgroundSettings(garbageIntervalMillis, abandonedUploadAge, orphanGrace, scrubBytesPerSecond,
                healBytesPerSecond, healthCheckIntervalMillis, scrubInterval, orphanSweepInterval, healPollInterval,
                day, webhooks);
    }

    /** The same settings with another webhook delivery. */
    public BackgroundSettings withWebhooks(DeliverySettings delivery) {
        return new BackgroundSettings(garbageIntervalMillis, abandonedUploadAge, orphanGrace, scrubBytesPerSecond,
                healBytesPerSecond, healthCheckIntervalMillis, scrubInterval, orphanSweepInterval, healPollInterval,
                lifecycleDay, delivery);
    }
}
