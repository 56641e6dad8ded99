package io.granary.api.heal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
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
        ByteRateLimiter limiter = new ByteRateLimiter(vertx, 1_000_000);
        assertEquals(0, limiter.take(600_000));
        assertEquals(0, limiter.take(400_000));
        long wait = limiter.take(500_000);
        assertTrue(wait > 400 && wait <= 500, "half a second of debt, got " + wait);
    }

    @Test
    void zeroMeansUnlimitedAndNegativeIsRefused() {
        assertTrue(new ByteRateLimiter(vertx, 0).acquire(Long.MAX_VALUE).succeeded());
        assertThrows(IllegalArgumentException.class, () -> new ByteRateLimiter(vertx, -1));
    }
}
