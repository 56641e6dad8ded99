package io.granary.api.lifecycle;

import io.granary.api.async.AsyncMetadata;
import io.granary.api.cluster.ClusterRecord;
import io.granary.api.metrics.GranaryMetrics;
import io.granary.metadata.MetadataStore;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.EventOrigin;
import io.granary.metadata.model.LifecycleRule;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.UploadRecord;
import io.granary.metadata.model.VersionRecord;
import io.granary.metadata.store.MetadataException;
import io.granary.metadata.store.PutCondition;
import io.granary.metadata.store.UploadPage;
import io.granary.metadata.store.UploadQuery;
import io.granary.metadata.store.VersionPage;
import io.granary.metadata.store.VersionQuery;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies every bucket's lifecycle rules: expires current versions (a delete marker in a versioned bucket),
 * removes noncurrent versions past their days (keeping the newest ones a rule says to), removes delete markers
 * nothing is left under, and aborts incomplete multipart uploads. Object lock wins: a version it protects is
 * kept and counted. A pass walks bucket by bucket, a page of versions at a time, each page one task on the
 * metadata pool with a pause after it (so client requests never queue behind it), and records where it is
 * after every page: a restarted node resumes the pass. Passes run once per lifecycle day (at most hourly).
 */
public final class LifecycleWorker {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleWorker.class);
    private static final ClusterRecord<LifecycleCheckpoint> CHECKPOINT =
            ClusterRecord.v1("lifecycle-pass", LifecycleCheckpoint.class);
    private static final int PAGE = 500;
    private static final Duration PAUSE = Duration.ofMillis(5);
    private static final Duration MAX_INTERVAL = Duration.ofHours(1);

    private final Vertx vertx;
    private final AsyncMetadata metadata;
    private final LifecycleDays days;
    private final Clock clock;
    private final Counters counters = new Counters();
    private long timer = -1;
    private volatile boolean stopped;

    public LifecycleWorker(Vertx vertx, AsyncMetadata metadata, LifecycleDays days, Clock clock) {
        this.vertx = vertx;
        this.metadata = metadata;
        this.days = days;
        this.clock = clock;
    }

    /** Starts the passes: resumes one a restart cut short, else begins one after a lifecycle day (or an hour). */
    public void start() {
        metadata.call(store -> CHECKPOINT.read(store))
                .onSuccess(found -> {
                    if (found.isPresent()) {
                        runPass(found.get());
                    } else {
                        schedule();
                    }
                })
                .onFailure(e -> {
                    LOG.warn("lifecycle: could not read the checkpoint, starting over", e);
                    schedule();
                });
    }

    public synchronized void stop() {
        stopped = true;
        if (timer >= 0) vertx.cancelTimer(timer);
    }

    public LifecycleStatus status() {
        return counters.snapshot();
    }

    /** Publishes the worker's counters as gauges. */
    public void watch(GranaryMetrics metrics) {
        metrics.watchLifecycle(action -> {
            LifecycleStatus s = status();
            return switch (action) {
                case "expired" -> s.expired();
                case "noncurrent" -> s.noncurrentRemoved();
                case "markers" -> s.markersRemoved();
                case "uploads" -> s.uploadsAborted();
                default -> s.lockedKept();
            };
        }, () -> status().running(), () -> status().passesCompleted());
    }

    /** Runs a pass now unless one runs (then answers its status at once); completes when it ends. */
    public Future<LifecycleStatus> runNow() {
        return runPass(null);
    }

    /** The next automatic pass, replacing any one already due, so a pass run on demand never adds a timer. */
    private synchronized void schedule() {
        if (stopped) return;
        if (timer >= 0) vertx.cancelTimer(timer);
        long delay = Math.min(days.day().toMillis(), MAX_INTERVAL.toMillis());
        timer = vertx.setTimer(Math.max(1, delay), id -> runPass(null));
    }

    private Future<LifecycleStatus> runPass(LifecycleCheckpoint resumed) {
        long started = resumed != null ? resumed.startedMillis() : clock.millis();
        // One pass at a time: a timer or a request arriving during a pass leaves it alone.
        if (!counters.begin(started)) return Future.succeededFuture(status());
        Promise<LifecycleStatus> done = Promise.promise();
        metadata.call(store -> store.buckets().list()).compose(buckets -> {
            Future<Void> chain = Future.succeededFuture();
            for (BucketRecord bucket : buckets) {
                // Buckets come in name order: a resumed pass skips those it finished.
                if (resumed != null && bucket.name().compareTo(resumed.bucket()) < 0) continue;
                LifecycleCheckpoint from = resumed != null && bucket.name().equals(resumed.bucket()) ? resumed
                        : new LifecycleCheckpoint(bucket.name(), false, null, started);
                if (bucket.lifecycle() == null) continue;
                chain = chain.compose(v -> walk(from));
            }
            return chain;
        }).onComplete(result -> {
            counters.end(clock.millis(), result.cause());
            if (result.failed()) LOG.warn("lifecycle pass failed: {}", result.cause().toString());
            metadata.call(store -> {
                CHECKPOINT.delete(store);
                return null;
            }).onComplete(v -> {
                schedule();
                done.complete(status());
            });
        });
        return done.future();
    }

    /** One bucket from {@code at}: pages of versions, then of uploads, each recorded before the next. */
    private Future<Void> walk(LifecycleCheckpoint at) {
        if (stopped) return Future.failedFuture("the API node is stopping");
        counters.bucket(at.bucket());
        return metadata.call(store -> {
            Optional<BucketRecord> bucket = store.buckets().find(at.bucket());
            if (bucket.isEmpty() || bucket.get().lifecycle() == null) return null;
            String next = at.uploads() ? uploadsPage(store, bucket.get(), at.keyMarker())
                    : versionsPage(store, bucket.get(), at.keyMarker());
            LifecycleCheckpoint after = next != null ? new LifecycleCheckpoint(at.bucket(), at.uploads(), next,
                    at.startedMillis()) : at.uploads() ? null
                    : new LifecycleCheckpoint(at.bucket(), true, null, at.startedMillis());
            if (after != null) CHECKPOINT.write(store, after);
            return after;
        }).compose(after -> {
            if (after == null) return Future.succeededFuture();
            Promise<Void> paused = Promise.promise();
            vertx.setTimer(PAUSE.toMillis(), id -> walk(after).onComplete(paused));
            return paused.future();
        });
    }

    /**
     * Applies the rules to one page of versions, key by key; returns the key to resume after, or null at the end.
     * A truncated page's last key is left for the next page, so each key is judged with all its versions (a key
     * with more versions than a page is judged a page at a time).
     */
    private String versionsPage(MetadataStore store, BucketRecord bucket, String keyMarker) {
        VersionPage page = store.objects().listVersions(bucket.name(), new VersionQuery(null, null, keyMarker, null,
                PAGE));
        List<VersionPage.Entry> entries = page.versions();
        if (entries.isEmpty()) return null;
        String lastKey = entries.get(entries.size() - 1).version().key();
        boolean onlyOneKey = entries.get(0).version().key().equals(lastKey);
        int start = 0;
        String resumeAfter = null;
        while (start < entries.size()) {
            String key = entries.get(start).version().key();
            int end = start;
            while (end < entries.size() && entries.get(end).version().key().equals(key)) end++;
            if (page.truncated() && key.equals(lastKey) && !onlyOneKey) break;
            applyToKey(store, bucket, entries.subList(start, end));
            resumeAfter = key;
            start = end;
        }
        return page.truncated() ? resumeAfter : null;
    }

    private void applyToKey(MetadataStore store, BucketRecord bucket, List<VersionPage.Entry> versions) {
        long now = clock.millis();
        List<LifecycleRule> rules = bucket.lifecycle().stream().filter(LifecycleRule::enabled).toList();
        counters.scanned(versions.size());
        VersionRecord latest = versions.get(0).latest() ? versions.get(0).version() : null;
        String key = versions.get(0).version().key();
        if (latest != null && latest.deleteMarker()) {
            if (versions.size() == 1 && rules.stream().anyMatch(rule -> rule.coversUpload(key)
                    && (rule.expiredObjectDeleteMarker() || rule.expirationDays() != null))) {
                remove(store, bucket, key, latest.versionId(), counters::markerRemoved);
            }
        } else if (latest != null) {
            ObjectRecord current = latest.object();
            LifecycleDays.Expiry expiry = days.firstExpiry(rules, current);
            if (expiry != null && now >= expiry.atMillis()) {
                try {
                    store.objects().delete(bucket.name(), key, null, PutCondition.none(), null, false,
                            EventOrigin.LIFECYCLE);
                    counters.expired();
                } catch (MetadataException e) {
                    if (e.reason() != MetadataException.Reason.OBJECT_LOCKED) throw e;
                    counters.lockedKept();
                }
            }
        }
        int noncurrentIndex = 0;
        for (int i = 1; i < versions.size(); i++) {
            VersionRecord version = versions.get(i).version();
            if (version.deleteMarker()) continue;
            long since = versions.get(i - 1).version().lastModifiedMillis();
            ObjectRecord object = version.object();
            int index = noncurrentIndex++;
            boolean due = rules.stream().anyMatch(rule -> rule.noncurrentDays() != null
                    && rule.covers(key, object.tags(), object.size())
                    && index >= (rule.newerNoncurrentVersions() == null ? 0 : rule.newerNoncurrentVersions())
                    && now >= days.after(since, rule.noncurrentDays()));
            if (due) remove(store, bucket, key, version.versionId(), counters::noncurrentRemoved);
        }
    }

    private void remove(MetadataStore store, BucketRecord bucket, String key, String versionId, Runnable counted) {
        try {
            store.objects().delete(bucket.name(), key, versionId, PutCondition.none(), null, false,
                    EventOrigin.LIFECYCLE);
            counted.run();
        } catch (MetadataException e) {
            if (e.reason() != MetadataException.Reason.OBJECT_LOCKED) throw e;
            counters.lockedKept();
        }
    }

    private String uploadsPage(MetadataStore store, BucketRecord bucket, String keyMarker) {
        UploadPage page = store.multipart().listUploads(bucket.name(), new UploadQuery(null, null, keyMarker, null,
                PAGE));
        long now = clock.millis();
        List<LifecycleRule> rules = bucket.lifecycle();
        List<UploadRecord> due = new ArrayList<>();
        for (UploadRecord upload : page.uploads()) {
            if (rules.stream().anyMatch(rule -> rule.enabled() && rule.abortIncompleteDays() != null
                    && rule.coversUpload(upload.key())
                    && now >= days.after(upload.initiatedMillis(), rule.abortIncompleteDays()))) {
                due.add(upload);
            }
        }
        for (UploadRecord upload : due) {
            try {
                store.multipart().abort(bucket.name(), upload.key(), upload.uploadId());
                counters.uploadAborted();
            } catch (MetadataException e) {
                if (e.reason() != MetadataException.Reason.NO_SUCH_UPLOAD) throw e;
            }
        }
        // The next page starts after this page's last key: uploads of that key beyond the page wait a pass.
        return page.truncated() ? page.nextKeyMarker() : null;
    }

    /** The worker's counters, read by the admin API from any thread. */
    private static final class Counters {
        private LifecycleStatus status = LifecycleStatus.NONE;

        /** Starts a pass unless one runs; whether it started. */
        synchronized boolean begin(long started) {
            if (status.running()) return false;
            status = new LifecycleStatus(true, null, started, status.finishedMillis(), 0, 0, 0, 0, 0, 0,
                    status.passesCompleted(), null);
            return true;
        }

        synchronized void end(long finished, Throwable failure) {
            LifecycleStatus s = status;
            status = new LifecycleStatus(false, null, s.startedMillis(), finished, s.versionsScanned(), s.expired(),
                    s.noncurrentRemoved(), s.markersRemoved(), s.uploadsAborted(), s.lockedKept(),
                    s.passesCompleted() + (failure == null ? 1 : 0), failure == null ? null : failure.toString());
        }

        synchronized void bucket(String name) {
            LifecycleStatus s = status;
            status = new LifecycleStatus(s.running(), name, s.startedMillis(), s.finishedMillis(), s.versionsScanned(),
                    s.expired(), s.noncurrentRemoved(), s.markersRemoved(), s.uploadsAborted(), s.lockedKept(),
                    s.passesCompleted(), s.error());
        }

        synchronized void scanned(int count) {
            LifecycleStatus s = status;
            status = new LifecycleStatus(s.running(), s.bucket(), s.startedMillis(), s.finishedMillis(),
                    s.versionsScanned() + count, s.expired(), s.noncurrentRemoved(), s.markersRemoved(),
                    s.uploadsAborted(), s.lockedKept(), s.passesCompleted(), s.error());
        }

        synchronized void expired() {
            add(1, 0, 0, 0, 0);
        }

        synchronized void noncurrentRemoved() {
            add(0, 1, 0, 0, 0);
        }

        synchronized void markerRemoved() {
            add(0, 0, 1, 0, 0);
        }

        synchronized void uploadAborted() {
            add(0, 0, 0, 1, 0);
        }

        synchronized void lockedKept() {
            add(0, 0, 0, 0, 1);
        }

        private void add(long expired, long noncurrent, long markers, long uploads, long locked) {
            LifecycleStatus s = status;
            status = new LifecycleStatus(s.running(), s.bucket(), s.startedMillis(), s.finishedMillis(),
                    s.versionsScanned(), s.expired() + expired, s.noncurrentRemoved() + noncurrent,
                    s.markersRemoved() + markers, s.uploadsAborted() + uploads, s.lockedKept() + locked,
                    s.passesCompleted(), s.error());
        }

        synchronized LifecycleStatus snapshot() {
            return status;
        }
    }
}
