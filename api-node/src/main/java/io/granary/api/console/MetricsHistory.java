package io.granary.api.console;

import io.granary.api.metrics.GranaryMetrics;
import io.granary.api.metrics.RequestTotals;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The last hour of S3 traffic for the cluster page's chart, kept in memory: every {@code interval} the
 * node's cumulative request totals are sampled and the rates since the previous sample (requests/s,
 * bytes/s in and out, mean latency) appended; the oldest fall off after an hour. Cheap enough for the
 * event loop: a sum over the per-operation meters.
 */
final class MetricsHistory {
    private static final Duration WINDOW = Duration.ofHours(1);

    private record Point(long atMillis, double requestsPerSecond, double receivedPerSecond, double sentPerSecond,
            double meanLatencyMillis) {
    }

    private final GranaryMetrics metrics;
    private final Clock clock;
    private final Duration interval;
    private final int capacity;
    private final Deque<Point> points = new ArrayDeque<>();
    private RequestTotals last;
    private long lastMillis;

    MetricsHistory(GranaryMetrics metrics, Clock clock, Duration interval) {
        this.metrics = metrics;
        this.clock = clock;
        this.interval = interval;
        this.capacity = (int) Math.max(1, WINDOW.toMillis() / interval.toMillis());
        this.last = metrics.requestTotals();
        this.lastMillis = clock.millis();
    }

    Duration interval() {
        return interval;
    }

    synchronized void sample() {
        RequestTotals now = metrics.requestTotals();
        long nowMillis = clock.millis();
        double seconds = Math.max(0.001, (nowMillis - lastMillis) / 1000.0);
        long requests = now.requests() - last.requests();
        double latency = requests == 0 ? 0 : (now.latencySeconds() - last.latencySeconds()) * 1000 / requests;
        points.addLast(new Point(nowMillis, requests / seconds, (now.bytesReceived() - last.bytesReceived()) / seconds,
                (now.bytesSent() - last.bytesSent()) / seconds, latency));
        while (points.size() > capacity) points.removeFirst();
        last = now;
        lastMillis = nowMillis;
    }

    synchronized JsonObject toJson() {
        JsonArray list = new JsonArray();
        for (Point p : points) {
            list.add(new JsonObject().put("at", p.atMillis()).put("requestsPerSecond", p.requestsPerSecond())
                    .put("receivedPerSecond", p.receivedPerSecond()).put("sentPerSecond", p.sentPerSecond())
                    .put("meanLatencyMillis", p.meanLatencyMillis()));
        }
        return new JsonObject().put("intervalSeconds", interval.toSeconds()).put("points", list);
    }
}
