package io.granary.api.notify;

import java.time.Duration;

/**
 * How webhook events are delivered: at most {@code concurrency} POSTs in flight per target, each answered within
 * {@code timeout}; a failed one retried after an exponential backoff from {@code firstRetry} up to
 * {@code maxRetry} (with jitter), until the event is {@code maxAge} old, when it goes to the target's dead letters.
 */
public record DeliverySettings(int concurrency, Duration timeout, Duration firstRetry, Duration maxRetry,
        Duration maxAge) {
    public static final DeliverySettings DEFAULTS = new DeliverySettings(16, Duration.ofSeconds(10),
            Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofHours(24));

    public DeliverySettings {
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1");
    }

    public DeliverySettings withMaxAge(Duration newMaxAge) {
        return new DeliverySettings(concurrency, timeout, firstRetry, maxRetry, newMaxAge);
    }

    public DeliverySettings withRetries(Duration newFirstRetry, Duration newMaxRetry) {
        return new DeliverySettings(concurrency, timeout, newFirstRetry, newMaxRetry, maxAge);
    }

    /** The wait before attempt {@code attempts + 1}: doubling from the first retry, capped, half of it random. */
    long backoffMillis(int attempts, double random) {
        double base = Math.min(maxRetry.toMillis(), firstRetry.toMillis() * Math.pow(2, Math.max(0, attempts - 1)));
        return (long) (base / 2 + base / 2 * random);
    }
}
