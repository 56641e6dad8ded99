package io.granary.api.metrics;

import io.granary.api.cluster.NodeSet;
import io.granary.api.pipeline.HeldMemory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Every metric an API node publishes, in one Prometheus registry owned by this object (one per node,
 * never the global registry, so several nodes in one JVM keep their own counts). Callers record
 * domain events through the methods below and never see Micrometer. Recording is lock-free and cheap
 * enough for an event loop; {@link #scrape()} renders the text exposition and belongs on a worker.
 *
 * <p>Published series (Prometheus names):
 * <ul>
 * <li>{@code granary_s3_requests_total{operation,status}}: finished S3 requests; {@code status} is the
 * HTTP status, or {@value #ABORTED} when the connection closed before the answer was complete;
 * {@code operation} is the AWS operation name, or {@value #UNROUTED} when routing refused it;</li>
 * <li>{@code granary_s3_request_duration_seconds_bucket{operation,le}} (with {@code _count},
 * {@code _sum}, {@code _max}): from the request's arrival until its answer ended, in fixed buckets
 * from 1 ms to 5 min for {@code histogram_quantile};</li>
 * <li>{@code granary_s3_received_bytes_total{operation}}, {@code granary_s3_sent_bytes_total{operation}}:
 * request and response body bytes;</li>
 * <li>{@code granary_degraded_reads_total}: GETs that met a missing, unreachable or corrupt shard;</li>
 * <li>{@code granary_heal_shards_total}, {@code granary_heal_bytes_total}: shards rebuilt and written
 * back, and their bytes;</li>
 * <li>{@code granary_heal_queue_length}: tasks in the heal queue when last counted
 * ({@link #healQueueLength(long)});</li>
 * <li>{@code granary_garbage_queue_length}: shard sets waiting to be deleted when last counted;</li>
 * <li>{@code granary_node_online{node}}: 1 while the API node considers data node {@code node} online,
 * else 0;</li>
 * <li>{@code granary_put_stripes_buffered}, {@code granary_put_stripes_buffered_max}: stripes held in
 * memory by uploads in progress, and the most one upload has held ({@link #watchWrites});</li>
 * <li>{@code granary_get_buffered_bytes}, {@code granary_get_buffered_bytes_max}: shard bytes held in
 * memory by GETs in progress, and the most one GET has held ({@link #watchReads});</li>
 * <li>{@code granary_webhook_events_total{target,outcome}}, {@code granary_webhook_queued{target}},
 * {@code granary_webhook_in_flight{target}}, {@code granary_webhook_failed{target}},
 * {@code granary_webhook_oldest_age_seconds{target}}: webhook deliveries ({@link #watchWebhook});</li>
 * <li>JVM memory and threads, process CPU, uptime (Micrometer's standard binders).</li>
 * </ul>
 */
public final class GranaryMetrics {
    /** The status tag of a request whose connection closed before its answer ended. */
    public static final String ABORTED = "aborted";
    /** The operation tag of a request the router refused (unknown subresource, malformed HTTP). */
    public static final String UNROUTED = "Unrouted";
    /** The operation label of every admin API request. */
    public static final String ADMIN = "Admin";

    /**
     * Latency bucket bounds: fixed, readable ones (17 series per operation) rather than Micrometer's
     * generated percentile buckets (about 70), from a small cached GET to a large upload.
     */
    private static final Duration[] LATENCY_BUCKETS = buckets(1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500,
            5000, 10_000, 30_000, 60_000, 120_000, 300_000);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter degradedReads;
    private final Counter healedShards;
    private final Counter healedBytes;
    private final AtomicLong healQueue = new AtomicLong();
    private final AtomicLong garbageQueue = new AtomicLong();
    /** The meters of each operation seen so far, so a request costs map lookups, not meter registrations. */
    private final Map<String, OperationMeters> byOperation = new ConcurrentHashMap<>();

    public GranaryMetrics() {
        degradedReads = Counter.builder("granary.degraded.reads")
                .description("GETs that met a missing, unreachable or corrupt shard and read parity instead")
                .register(registry);
        healedShards = Counter.builder("granary.heal.shards")
                .description("Shards rebuilt from the survivors and written back")
                .register(registry);
        healedBytes = Counter.builder("granary.heal").baseUnit("bytes")
                .description("Bytes of rebuilt shards written back")
                .register(registry);
        Gauge.builder("granary.heal.queue.length", healQueue, AtomicLong::get)
                .description("Tasks waiting in the heal queue, as last counted")
                .register(registry);
        Gauge.builder("granary.garbage.queue.length", garbageQueue, AtomicLong::get)
                .description("Shard sets waiting to be deleted, as last counted")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Gauges of the stripes uploads hold in memory: in total, and the most one upload has held. */
    public void watchWrites(HeldMemory memory) {
        watchHeld("granary.put.stripes.buffered", "Stripes held in memory by the uploads in progress",
                "The most stripes one upload has held in memory at once since start", memory);
    }

    /** Gauges of the shard bytes GETs hold in memory: in total, and the most one GET has held. */
    public void watchReads(HeldMemory memory) {
        watchHeld("granary.get.buffered.bytes", "Shard bytes held in memory by the GETs in progress",
                "The most shard bytes one GET has held in memory at once since start", memory);
    }

    /**
     * Gauges of the lifecycle worker: {@code granary_lifecycle_removed{action}} (the last pass's, or the running
     * one's, removals per action), {@code granary_lifecycle_running} and {@code granary_lifecycle_passes}.
     *
     * @param removed the count of an action (expired, noncurrent, markers, uploads, locked_kept)
     */
    public void watchLifecycle(ToDoubleFunction<String> removed, BooleanSupplier running, LongSupplier passes) {
        for (String action : List.of("expired", "noncurrent", "markers", "uploads", "locked_kept")) {
            Gauge.builder("granary.lifecycle.removed", () -> removed.applyAsDouble(action)).tag("action", action)
                    .description("What the running or last lifecycle pass did, per action").register(registry);
        }
        Gauge.builder("granary.lifecycle.running", () -> running.getAsBoolean() ? 1 : 0)
                .description("1 while a lifecycle pass runs").register(registry);
        Gauge.builder("granary.lifecycle.passes", passes::getAsLong)
                .description("Lifecycle passes completed since start").register(registry);
    }

    /**
     * Gauges of webhook target {@code target}: {@code granary_webhook_queued}, {@code granary_webhook_in_flight},
     * {@code granary_webhook_failed} (dead letters) and {@code granary_webhook_oldest_age_seconds}.
     */
    public void watchWebhook(String target, DoubleSupplier queued, DoubleSupplier inFlight, DoubleSupplier failed,
                             DoubleSupplier oldestAgeSeconds) {
        Gauge.builder("granary.webhook.queued", queued, DoubleSupplier::getAsDouble).tag("target", target)
                .description("Events waiting for the webhook target, in flight included, as last counted")
                .register(registry);
        Gauge.builder("granary.webhook.in.flight", inFlight, DoubleSupplier::getAsDouble).tag("target", target)
                .description("POSTs to the webhook target waiting for their answer").register(registry);
        Gauge.builder("granary.webhook.failed", failed, DoubleSupplier::getAsDouble).tag("target", target)
                .description("Events the webhook target did not take in time (dead letters), as last counted")
                .register(registry);
        Gauge.builder("granary.webhook.oldest.age", oldestAgeSeconds, DoubleSupplier::getAsDouble)
                .tag("target", target).baseUnit("seconds")
                .description("Age of the oldest event waiting for the webhook target").register(registry);
    }

    /**
     * A recorder of one delivery outcome ({@code delivered}, {@code retried}, {@code failed}) of webhook
     * {@code target}: each run counts one.
     */
    public Runnable webhookOutcome(String target, String outcome) {
        Counter counter = Counter.builder("granary.webhook.events").tag("target", target).tag("outcome", outcome)
                .description("Webhook deliveries by target and outcome").register(registry);
        return counter::increment;
    }

    private void watchHeld(String name, String description, String maxDescription, HeldMemory memory) {
        Gauge.builder(name, memory, HeldMemory::held).description(description).register(registry);
        Gauge.builder(name + ".max", memory, HeldMemory::mostByOne).description(maxDescription).register(registry);
    }

    /**
     * Records one finished S3 request: called exactly once per request, when its answer ended or its
     * connection closed.
     *
     * @param operation the AWS operation name, or {@link #UNROUTED}
     * @param status    the HTTP status as sent, or {@link #ABORTED}
     */
    public void requestFinished(String operation, String status, long elapsedNanos, long bytesIn, long bytesOut) {
        OperationMeters meters = byOperation.computeIfAbsent(operation, this::operationMeters);
        meters.requests().withTags("status", status).increment();
        meters.latency().record(elapsedNanos, TimeUnit.NANOSECONDS);
        meters.received().increment(bytesIn);
        meters.sent().increment(bytesOut);
    }

    private OperationMeters operationMeters(String operation) {
        return new OperationMeters(
                Counter.builder("granary.s3.requests").description("S3 requests by operation and HTTP status")
                        .tag("operation", operation).withRegistry(registry),
                Timer.builder("granary.s3.request.duration").description("S3 request latency by operation")
                        .tag("operation", operation)
                        .serviceLevelObjectives(LATENCY_BUCKETS).register(registry),
                Counter.builder("granary.s3.received").baseUnit("bytes").description("S3 request body bytes received")
                        .tag("operation", operation).register(registry),
                Counter.builder("granary.s3.sent").baseUnit("bytes").description("S3 response body bytes sent")
                        .tag("operation", operation).register(registry));
    }

    /**
     * A recorder for one GET: the first call counts a degraded read, later calls do nothing, so a GET
     * whose damage is reported part by part counts once. Safe to call from any thread.
     */
    public Runnable degradedRead() {
        AtomicBoolean counted = new AtomicBoolean();
        return () -> {
            if (counted.compareAndSet(false, true)) degradedReads.increment();
        };
    }

    /**
     * Records shards that heal rebuilt and wrote back: call once per committed repair (or batch of
     * repairs) with how many shards it wrote and their total size on disk. Only repairs that were
     * written and committed count; a failed attempt that will be retried must not be recorded.
     */
    public void shardsHealed(int shards, long bytes) {
        if (shards < 0 || bytes < 0) throw new IllegalArgumentException("negative heal count");
        healedShards.increment(shards);
        healedBytes.increment(bytes);
    }

    /** Sets the heal queue length; counting it is blocking RocksDB work, done by {@link QueueLengthProbe}. */
    public void healQueueLength(long length) {
        healQueue.set(length);
    }

    /** Sets the garbage queue length, counted by {@link QueueLengthProbe}. */
    public void garbageQueueLength(long length) {
        garbageQueue.set(length);
    }

    /** Publishes {@code granary_node_online{node=ID}} for every node of {@code nodes}, read live at scrape time. */
    public void watchNodes(NodeSet nodes) {
        for (String id : nodes.ids()) {
            Gauge.builder("granary.node.online", nodes, set -> set.isOnline(id) ? 1 : 0)
                    .description("1 while the data node is considered online, else 0")
                    .tag("node", id).strongReference(true)
                    .register(registry);
        }
    }

    /** The S3 requests finished so far, summed over every operation (the web console charts their rates). */
    public RequestTotals requestTotals() {
        long requests = 0;
        double seconds = 0;
        double received = 0;
        double sent = 0;
        for (OperationMeters meters : byOperation.values()) {
            requests += meters.latency().count();
            seconds += meters.latency().totalTime(TimeUnit.SECONDS);
            received += meters.received().count();
            sent += meters.sent().count();
        }
        return new RequestTotals(requests, seconds, (long) received, (long) sent);
    }

    private static Duration[] buckets(double... millis) {
        Duration[] bounds = new Duration[millis.length];
        for (int i = 0; i < millis.length; i++) {
            bounds[i] = Duration.ofNanos(Math.round(millis[i] * 1_000_000));
        }
        return bounds;
    }

    /** The per-operation meters; requests are counted per status on top of the operation tag. */
    private record OperationMeters(Meter.MeterProvider<Counter> requests, Timer latency, Counter received,
            Counter sent) {
    }

    /** The Prometheus text exposition of every meter; proportional to the number of series, so not on a loop. */
    public String scrape() {
        return registry.scrape();
    }
}
