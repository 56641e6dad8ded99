package io.granary.api.limits;

import java.time.Duration;

/**
 * How long and how much a client of the S3 listener may hold (issue 17). Deadlines: a new connection
 * must deliver its first request's headers within {@code headerTimeout}, a kept-alive one its next request
 * within {@code keepAliveTimeout}; while the server reads a body, every {@code progressTimeout} must bring
 * at least {@code minBytesPerSecond} per second of it (so also: no progress for that long); a response the
 * client does not drain for {@code progressTimeout} is cut. Caps: {@code maxConnections} open connections
 * (twice as many are closed at once), {@code maxInflight} requests at once, {@code maxInflightPerKey} of
 * them per access key, and {@code maxHeldBytes} of body bytes held by transfers; beyond a cap a request
 * gets {@code 503 SlowDown} with {@code Retry-After: retryAfterSeconds}. {@code tick} is how often each
 * connection's deadlines are checked (their resolution).
 */
public record ClientLimits(Duration headerTimeout, Duration keepAliveTimeout, Duration progressTimeout,
        long minBytesPerSecond, int maxConnections, int maxInflight, int maxInflightPerKey, long maxHeldBytes,
        int retryAfterSeconds, Duration tick) {

    /** Default cap on connections: well under the 20,000 descriptors a process gets here. */
    public static final int DEFAULT_MAX_CONNECTIONS = 4096;
    /** Default cap on requests in flight: uploads hold at most 8 stripes each, so this bounds their memory. */
    public static final int DEFAULT_MAX_INFLIGHT = 256;

    public ClientLimits {
        if (maxConnections < 1 || maxInflight < 1 || maxInflightPerKey < 1) {
            throw new IllegalArgumentException("connection and in-flight caps must be at least 1");
        }
        if (minBytesPerSecond < 0 || maxHeldBytes < 1 || retryAfterSeconds < 0) {
            throw new IllegalArgumentException("rates and byte caps must not be negative");
        }
    }

    /**
     * AWS's 20 s for headers and body progress, 1 KiB/s at least while reading a body, caps sized for this
     * kind of machine; buffered bytes up to a quarter of the heap. Idle kept-alive connections get nginx's
     * 75 s: longer than the SDKs' pools keep one idle (60 s), so a client never reuses one as it closes.
     */
    public static ClientLimits defaults() {
        return new ClientLimits(Duration.ofSeconds(20), Duration.ofSeconds(75), Duration.ofSeconds(20), 1024,
                DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_INFLIGHT, DEFAULT_MAX_INFLIGHT / 2,
                Runtime.getRuntime().maxMemory() / 4, 1, Duration.ofSeconds(1));
    }

    /**
     * The same with the deadlines an operator set ({@code --client-timeout} for headers and body progress,
     * {@code --keep-alive-timeout} for idle kept-alive connections).
     */
    public ClientLimits withDeadlines(Duration client, Duration keepAlive) {
        return new ClientLimits(client, keepAlive, client, minBytesPerSecond, maxConnections, maxInflight,
                maxInflightPerKey, maxHeldBytes, retryAfterSeconds, tick);
    }

    /** The same with the connection and in-flight caps an operator set ({@code --max-connections}, ...). */
    public ClientLimits withCaps(int connections, int inflight) {
        return new ClientLimits(headerTimeout, keepAliveTimeout, progressTimeout, minBytesPerSecond, connections,
                inflight, Math.max(1, inflight / 2), maxHeldBytes, retryAfterSeconds, tick);
    }
}
