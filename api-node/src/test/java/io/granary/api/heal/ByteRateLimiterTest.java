package io.granary.api.heal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.StepClock;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ByteRateLimiterTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void aSecondOfBudgetIsFreeThenDebtIsPaidByWaiting() {
        StepClock clock = new StepClock();
        ByteRateLimiter limiter = new ByteRateLimiter(vertx, 1_000_000, clock);
        assertEquals(0, limiter.take(600_000));
        assertEquals(0, limiter.take(400_000));
        assertEquals(500, limiter.take(500_000), "half a second of debt");
        clock.advance(Duration.ofMillis(200));
        assertEquals(300, limiter.take(0), "200 ms of refill paid part of it");
        clock.advance(Duration.ofSeconds(5));
        assertEquals(0, limiter.take(1_000_000), "the budget refills to one second, no more");
        assertEquals(1, limiter.take(1_000), "so a byte past it is debt again");
    }

    @Test
    void zeroMeansUnlimitedAndNegativeIsRefused() {
        assertTrue(new ByteRateLimiter(vertx, 0).acquire(Long.MAX_VALUE).succeeded());
        assertThrows(IllegalArgumentException.class, () -> new ByteRateLimiter(vertx, -1));
    }
}
