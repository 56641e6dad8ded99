package io.granary.api.notify;

import io.granary.api.async.AsyncMetadata;
import io.granary.api.metrics.GranaryMetrics;
import io.granary.iam.IamService;
import io.granary.iam.WebhookTarget;
import io.granary.metadata.model.DeadEvent;
import io.granary.metadata.model.ObjectEvent;
import io.granary.metadata.store.QueuedTask;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox's events to their webhooks: per target, a window of its queue in memory, up to
 * {@link DeliverySettings#concurrency()} signed POSTs in flight, one key's events strictly in order, a 2xx
 * acknowledging (acknowledgements are written in batches), 408, 429, 5xx and network failures retried with
 * backoff until the event is too old, any other answer sending it to the dead letters at once. The queue stays
 * on disk, so a slow or dead receiver costs its own window of memory and nothing else: writes only append to the
 * outbox. Everything runs on one context; the store on the metadata pool.
 */
public final class WebhookDelivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
    private static final int PAGE = TargetQueue.HELD / 2;
    private static final long SWEEP_MILLIS = 1_000;
    /**
     * The metrics count each target's queue by walking it at most every 30 s, and at most 1 % of the time: a walk
     * of a million waiting events takes about a second.
     */
    private static final long FIGURES_EVERY_MILLIS = 30_000;
    private static final int FIGURES_TIME_SHARE = 100;
    private static final long SIGNING_TTL_MILLIS = 1_000;
    /** How long reads and acknowledgements wait to be gathered into one call on the metadata pool. */
    private static final long COALESCE_MILLIS = 5;
    private static final String GONE = "the webhook target no longer exists";

    private final Vertx vertx;
    private final Context context;
    private final AsyncMetadata metadata;
    private final IamService iam;
    private final String region;
    private final DeliverySettings settings;
    private final GranaryMetrics metrics;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, TargetQueue> targets = new HashMap<>();
    private long sweep = -1;

    public WebhookDelivery(Vertx vertx, AsyncMetadata metadata, IamService iam, String region,
                           DeliverySettings settings, GranaryMetrics metrics, Clock clock) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.metadata = metadata;
        this.iam = iam;
        this.region = region;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                        .setConnectTimeout((int) settings.timeout().toMillis()),
                new PoolOptions().setHttp1MaxSize(settings.concurrency()));
    }

    /** Starts delivering: every target with events waiting, then each as its events commit. */
    public Future<Void> start() {
        return onContext(() -> metadata.call(store -> {
            store.events().listen(target -> context.runOnContext(v -> wake(target)));
            return store.events().targets();
        }).map(waiting -> {
            waiting.forEach(this::wake);
            // A safety net: retries are timed, but a wake lost to a failed read is picked up here.
            sweep = vertx.setPeriodic(SWEEP_MILLIS, id -> {
                targets.keySet().forEach(this::wake);
                long now = clock.millis();
                targets.values().stream().filter(q -> now >= q.figuresDueMillis).forEach(this::refreshFigures);
            });
            return null;
        }));
    }

    @Override
    public void close() {
        context.runOnContext(v -> {
            if (sweep >= 0) vertx.cancelTimer(sweep);
            targets.values().forEach(q -> {
                if (q.timer >= 0) vertx.cancelTimer(q.timer);
            });
        });
        http.close();
    }

    /**
     * The target's figures: queued (waiting in the outbox, in flight included), in flight, delivered since
     * start, failed (dead letters), the oldest waiting event's age, the last error and its time.
     */
    public Future<Map<String, Object>> status(String arn) {
        return onContext(() -> figures(arn).map(figures -> {
            TargetQueue q = targets.get(arn);
            if (q != null) q.figures = figures;
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("arn", arn);
            status.put("queued", figures.queued());
            status.put("inFlight", q == null ? 0 : q.inFlight);
            status.put("delivered", q == null ? 0 : q.delivered);
            status.put("failed", figures.failed());
            status.put("oldestAgeSeconds", figures.oldestMillis() == 0 ? null
                    : Math.max(0, clock.millis() - figures.oldestMillis()) / 1000.0);
            status.put("lastError", q == null ? null : q.lastError);
            status.put("lastErrorTime", q == null || q.lastError == null ? null
                    : Instant.ofEpochMilli(q.lastErrorMillis).toString());
            return status;
        }));
    }

    /** Puts the target's dead letters of {@code sinceMillis} or later back in its queue; completes with how many. */
    public Future<Integer> replay(String arn, long sinceMillis) {
        return onContext(() -> metadata.call(store -> store.events().replay(arn, sinceMillis)));
    }

    /**
     * Sends the test message to target {@code arn} once, now: succeeds on a 2xx within the timeout, fails with
     * what went wrong otherwise.
     */
    public Future<Void> test(WebhookTarget target, String bucket, String requestId) {
        return onContext(() -> post(URI.create(target.url()), iam.webhookSigningSecrets(target),
                EventMessage.test(bucket, requestId, clock.instant()), "test-" + requestId))
                .compose(status -> status / 100 == 2 ? Future.succeededFuture()
                        : Future.failedFuture("it answered HTTP " + status));
    }

    /** Runs {@code work} on the worker's context, where all its state lives. */
    private <T> Future<T> onContext(Supplier<Future<T>> work) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> Future.<Void>succeededFuture().compose(x -> work.get()).onComplete(promise));
        return promise.future();
    }

    private void wake(String arn) {
        TargetQueue q = targets.computeIfAbsent(arn, this::newTarget);
        q.drained = false;
        q.appendedSinceRead = true;
        pump(q);
    }

    private TargetQueue newTarget(String arn) {
        String name = name(arn);
        TargetQueue q = new TargetQueue(arn, metrics.webhookOutcome(name, "delivered"),
                metrics.webhookOutcome(name, "retried"), metrics.webhookOutcome(name, "failed"));
        metrics.watchWebhook(name, () -> q.figures.queued(), () -> q.inFlight, () -> q.figures.failed(),
                () -> q.figures.oldestMillis() == 0 ? 0 : Math.max(0, clock.millis() - q.figures.oldestMillis())
                        / 1000.0);
        refreshFigures(q);
        return q;
    }

    private void refreshFigures(TargetQueue q) {
        long started = clock.millis();
        q.figuresDueMillis = Long.MAX_VALUE;
        figures(q.arn).onComplete(figures -> {
            if (figures.succeeded()) q.figures = figures.result();
            long took = clock.millis() - started;
            q.figuresDueMillis = clock.millis() + Math.max(FIGURES_EVERY_MILLIS, took * FIGURES_TIME_SHARE);
        });
    }

    private Future<TargetQueue.Figures> figures(String arn) {
        return metadata.call(store -> new TargetQueue.Figures(store.events().pending(arn),
                store.events().deadCount(arn), store.events().oldest(arn).map(ObjectEvent::eventMillis).orElse(0L)));
    }

    /**
     * Sends what is due. A target whose last attempt failed is paused for its backoff and then probed with one
     * event at a time until one is taken: a dead receiver costs a request per backoff, not one per held event.
     */
    private void pump(TargetQueue q) {
        if (q.wantsRead()) readSoon(q);
        long now = clock.millis();
        int slots = settings.concurrency() - q.inFlight;
        if (q.failures > 0) {
            if (now < q.pausedUntilMillis) {
                wakeAt(q, q.pausedUntilMillis, now);
                return;
            }
            slots = Math.min(slots, 1 - q.inFlight);
        }
        for (TargetQueue.Held event : q.due(slots)) send(q, event);
    }

    private void wakeAt(TargetQueue q, long at, long now) {
        if (at >= q.timerAt) return;
        if (q.timer >= 0) vertx.cancelTimer(q.timer);
        q.timerAt = at;
        q.timer = vertx.setTimer(Math.max(1, at - now), id -> {
            q.timer = -1;
            q.timerAt = Long.MAX_VALUE;
            pump(q);
        });
    }

    /**
     * Reads now, or, when the last read was less than {@link #COALESCE_MILLIS} ago, once that much has passed:
     * under a stream of single PUTs each commit would otherwise cost a read of its own on the metadata pool,
     * beside the PUTs' own work there.
     */
    private void readSoon(TargetQueue q) {
        long wait = q.lastReadMillis + COALESCE_MILLIS - clock.millis();
        if (wait <= 0) {
            read(q);
        } else if (!q.readScheduled) {
            q.readScheduled = true;
            vertx.setTimer(wait, id -> {
                q.readScheduled = false;
                if (q.wantsRead()) read(q);
            });
        }
    }

    private void read(TargetQueue q) {
        q.lastReadMillis = clock.millis();
        q.reading = true;
        q.appendedSinceRead = false;
        metadata.call(store -> store.events().read(q.arn, q.readAfter, PAGE)).onComplete(page -> {
            q.reading = false;
            if (page.failed()) {
                LOG.warn("cannot read the webhook outbox of {}", q.arn, page.cause());
                return;
            }
            for (QueuedTask<ObjectEvent> task : page.result()) {
                q.held.put(task.id(), new TargetQueue.Held(task.id(), task.task()));
                q.readAfter = task.id();
            }
            q.drained = page.result().size() < PAGE && !q.appendedSinceRead;
            pump(q);
        });
    }

    private void send(TargetQueue q, TargetQueue.Held event) {
        TargetQueue.Signing signing = signing(q);
        event.sending = true;
        q.inFlight++;
        if (signing == null) {
            dead(q, event, GONE);
            return;
        }
        Future.<Void>succeededFuture().compose(v -> post(signing.url(), signing.secrets(),
                EventMessage.of(event.event, region), event.event.id())).onComplete(answer -> {
            if (answer.succeeded() && answer.result() / 100 != 2 && !retryable(answer.result())) {
                // It stays in flight until written to the dead letters: a pump meanwhile must not send it again.
                dead(q, event, "HTTP " + answer.result());
                return;
            }
            event.sending = false;
            q.inFlight--;
            if (answer.succeeded() && answer.result() / 100 == 2) {
                delivered(q, event);
            } else {
                retry(q, event, answer.succeeded() ? "HTTP " + answer.result() : String.valueOf(answer.cause()
                        .getMessage()));
            }
            pump(q);
        });
    }

    /** 408 and 429 say "later", a 5xx may pass; any other answer is the receiver's refusal of this event. */
    private static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /**
     * The target's URL and signing secrets, looked up again after a second or when its record changed (a
     * rotation); null when the target no longer exists.
     */
    private TargetQueue.Signing signing(TargetQueue q) {
        Optional<WebhookTarget> target = iam.findWebhookByArn(q.arn);
        if (target.isEmpty()) return null;
        long now = clock.millis();
        TargetQueue.Signing cached = q.signing;
        if (cached == null || cached.target() != target.get() || now >= cached.untilMillis()) {
            q.signing = new TargetQueue.Signing(target.get(), URI.create(target.get().url()),
                    iam.webhookSigningSecrets(target.get()), now + SIGNING_TTL_MILLIS);
        }
        return q.signing;
    }

    /** POSTs {@code body}, signed with {@code secrets} now; completes with the status of the answer. */
    private Future<Integer> post(URI url, List<String> secrets, byte[] body, String eventId) {
        boolean tls = "https".equals(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) path += "?" + url.getRawQuery();
        long timestamp = clock.instant().getEpochSecond();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(url.getHost())
                .setPort(port).setSsl(tls).setURI(path).setIdleTimeout(settings.timeout().toMillis())
                .putHeader("content-type", "application/json")
                .putHeader(WebhookSignature.EVENT_ID_HEADER, eventId)
                .putHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .putHeader(WebhookSignature.SIGNATURE_HEADER,
                        WebhookSignature.sign(secrets, timestamp, body));
        return http.request(options).compose(request -> request.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(ignored -> response.statusCode()));
    }

    private void delivered(TargetQueue q, TargetQueue.Held event) {
        q.failures = 0;
        q.held.remove(event.sequence);
        q.delivered++;
        q.countDelivered.run();
        q.acknowledged.add(event.sequence);
        if (!q.flushScheduled) {
            q.flushScheduled = true;
            vertx.setTimer(COALESCE_MILLIS, id -> {
                q.flushScheduled = false;
                flush(q);
            });
        }
    }

    /** Writes the acknowledgements gathered so far; those arriving meanwhile go in the next write. */
    private void flush(TargetQueue q) {
        if (q.flushing || q.acknowledged.isEmpty()) return;
        q.flushing = true;
        List<Long> batch = new ArrayList<>(q.acknowledged);
        q.acknowledged.clear();
        metadata.call(store -> {
            store.events().acknowledge(q.arn, batch);
            return null;
        }).onComplete(done -> {
            q.flushing = false;
            // Not written: delivered again after a restart, which at-least-once allows.
            if (done.failed()) {
                LOG.warn("cannot acknowledge {} webhook events of {}", batch.size(), q.arn, done.cause());
            }
            flush(q);
        });
    }

    private void retry(TargetQueue q, TargetQueue.Held event, String error) {
        long now = clock.millis();
        noteError(q, error, now);
        if (now - event.event.eventMillis() >= settings.maxAge().toMillis()) {
            event.sending = true;
            q.inFlight++;
            dead(q, event, error);
            return;
        }
        q.countRetried.run();
        q.failures++;
        q.pausedUntilMillis = now + settings.backoffMillis(q.failures, ThreadLocalRandom.current().nextDouble());
    }

    /** Moves a held event (counted in flight) to the dead letters. */
    private void dead(TargetQueue q, TargetQueue.Held event, String error) {
        long now = clock.millis();
        noteError(q, error, now);
        LOG.warn("webhook {} gave up on event {} ({} of {}/{}): {}", q.arn, event.event.id(),
                event.event.eventName(), event.event.bucket(), event.event.key(), error);
        metadata.call(store -> {
            store.events().deadLetter(q.arn, event.sequence, new DeadEvent(event.event, error, now));
            return null;
        }).onComplete(done -> {
            if (done.failed()) {
                LOG.warn("cannot move webhook event {} to the dead letters", event.event.id(), done.cause());
            }
            q.held.remove(event.sequence);
            q.inFlight--;
            q.countFailed.run();
            pump(q);
        });
    }

    private static void noteError(TargetQueue q, String error, long now) {
        q.lastError = error;
        q.lastErrorMillis = now;
    }

    /** The target's name, the last field of its ARN: the metrics' label. */
    private static String name(String arn) {
        return arn.substring(arn.lastIndexOf(':') + 1);
    }
}
