package io.granary.api.it.soak;

import java.time.Duration;

/**
 * What one soak run does: {@code clients} concurrent clients of mixed operations for {@code duration}, objects
 * up to {@code maxObjectBytes} (half of those from {@code multipartFrom} uploaded in parts of {@code partSize}),
 * each client keeping at most {@code keysPerClient} keys; a data node killed every {@code killEvery} and restarted
 * {@code downFor} later; one other node emptied {@code emptyAfter} into the run and healed.
 */
record SoakSettings(Duration duration, int clients, long maxObjectBytes, long multipartFrom, long partSize,
                    int keysPerClient, Duration killEvery, Duration downFor, Duration emptyAfter, long seed) {
    private static final long MIB = 1L << 20;

    /** The soak: 64 clients, 4 KiB to 64 MiB, a kill every minute. */
    static SoakSettings full(Duration duration) {
        return new SoakSettings(duration, 64, 64 * MIB, 16 * MIB, 8 * MIB, 20, Duration.ofSeconds(60),
                Duration.ofSeconds(10), duration.dividedBy(3), 20261203L);
    }

    /** The version in {@code mvn verify}: the same faults, scaled to seconds. */
    static SoakSettings brief() {
        return new SoakSettings(Duration.ofSeconds(45), 8, 16 * MIB, 6 * MIB, 5 * MIB, 8, Duration.ofSeconds(6),
                Duration.ofSeconds(2), Duration.ofSeconds(8), 20261203L);
    }
}
