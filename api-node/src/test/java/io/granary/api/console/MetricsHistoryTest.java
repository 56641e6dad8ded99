package io.granary.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.granary.api.StepClock;
import io.granary.api.metrics.GranaryMetrics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricsHistoryTest {
    @Test
    void samplesRatesAndMeanLatencyAndKeepsOneHour() {
        GranaryMetrics metrics = new GranaryMetrics();
        StepClock clock = new StepClock();
        MetricsHistory history = new MetricsHistory(metrics, clock, Duration.ofSeconds(10));
        for (int i = 0; i < 20; i++) {
            metrics.requestFinished("GetObject", "200", TimeUnit.MILLISECONDS.toNanos(i < 10 ? 10 : 30), 100, 1000);
        }
        clock.advance(Duration.ofSeconds(10));
        history.sample();
        JsonObject point = history.toJson().getJsonArray("points").getJsonObject(0);
        assertEquals(2.0, point.getDouble("requestsPerSecond"), 1e-9);
        assertEquals(200.0, point.getDouble("receivedPerSecond"), 1e-9);
        assertEquals(2000.0, point.getDouble("sentPerSecond"), 1e-9);
        assertEquals(20.0, point.getDouble("meanLatencyMillis"), 1e-6);

        for (int i = 1; i <= 400; i++) {
            clock.advance(Duration.ofSeconds(10));
            history.sample();
        }
        JsonArray points = history.toJson().getJsonArray("points");
        assertEquals(360, points.size(), "an hour of 10 s samples");
        assertEquals(0.0, points.getJsonObject(359).getDouble("requestsPerSecond"), 1e-9, "idle since");
        assertEquals(10, history.toJson().getLong("intervalSeconds"));
    }
}
