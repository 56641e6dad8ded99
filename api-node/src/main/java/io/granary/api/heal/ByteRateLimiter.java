package io.granary.api.heal;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;

/**
 * Paces background work (heal, scrub) to a number of bytes per second so it leaves bandwidth to
 * clients: a token bucket holding at most one second of budget. A caller asks before moving bytes
 * and is answered at once while the budget lasts, otherwise after a timer. Zero means unlimited.
 * Time is the given clock's, so a test moves it by hand. Thread-safe.
 */
public final class ByteRateLimiter {
    private final Vertx vertx;
    private final long bytesPerSecond;
    private final Clock clock;
    private long available;
    private long refilledNanos;

    public ByteRateLimiter(Vertx vertx, long bytesPerSecond) {
        this(vertx, bytesPerSecond, Clock.systemUTC());
    }

    ByteRateLimiter(Vertx vertx, long bytesPerSecond, Clock clock) {
        if (bytesPerSecond < 0) throw new IllegalArgumentException("rate must be ≥ 0: " + bytesPerSecond);
        this.vertx = vertx;
        this.bytesPerSecond = bytesPerSecond;
        this.clock = clock;
        this.available = bytesPerSecond;
        this.refilledNanos = nanos(clock.instant());
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Completes when {@code bytes} may be moved; the debt of a large request is paid by waiting. */
    public Future<Void> acquire(long bytes) {
        if (bytesPerSecond == 0 || bytes <= 0) return Future.succeededFuture();
        long waitMillis = take(bytes);
        if (waitMillis <= 0) return Future.succeededFuture();
        Promise<Void> promise = Promise.promise();
        vertx.setTimer(waitMillis, id -> promise.complete());
        return promise.future();
    }

    /** Spends {@code bytes} (possibly into debt) and returns how long to wait until the debt is paid. */
    synchronized long take(long bytes) {
        long now = nanos(clock.instant());
        long refill = (long) ((now - refilledNanos) / 1e9 * bytesPerSecond);
        if (refill > 0) {
            available = Math.min(bytesPerSecond, available + refill);
            refilledNanos = now;
        }
        available -= bytes;
        return available >= 0 ? 0 : (long) Math.ceil(-available * 1000.0 / bytesPerSecond);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
