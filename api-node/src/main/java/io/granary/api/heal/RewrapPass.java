package io.granary.api.heal;

import io.granary.api.async.AsyncMetadata;
import io.granary.api.crypto.EnvelopeKeys;
import io.granary.iam.DataKeyring;
import io.granary.iam.IamService;
import io.granary.metadata.MetadataStore;
import io.granary.metadata.model.Encryption;
import io.granary.metadata.model.ObjectLayout;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.PartLayout;
import io.granary.metadata.store.MetadataException;
import io.granary.metadata.store.ObjectEntry;
import io.granary.metadata.store.PartEntry;
import io.granary.metadata.store.ScanPage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Master-key rotation ({@code granary admin kms rotate-master}): a new data-key generation, then a paced pass
 * that re-wraps the data key of every SSE-S3 part (object versions, then open-upload parts) under it, record by
 * record under each key's lock; no data is read or written. A second pass then checks that nothing still
 * uses an old generation (re-wrapping what a write raced in), and only then are the old generations destroyed.
 * The pass is idempotent, so a restart resumes it ({@link #resumeIfUnfinished}): parts already re-wrapped are
 * only read. SSE-KMS and SSE-C data keys are not under the master key and are left alone.
 */
public final class RewrapPass implements BackgroundPass {
    public static final String KIND = "rotate-master";
    private static final Logger LOG = LoggerFactory.getLogger(RewrapPass.class);
    /** Data keys re-wrapped per second: a million SSE-S3 parts take about 17 minutes. */
    public static final int DEFAULT_PACE = 1000;
    private static final int PAGE = 100;

    private final Vertx vertx;
    private final AsyncMetadata metadata;
    private final IamService iam;
    private final int partsPerSecond;
    private PassCounters last;

    /** @param partsPerSecond the pace: at most this many data keys re-wrapped per second */
    public RewrapPass(Vertx vertx, AsyncMetadata metadata, IamService iam, int partsPerSecond) {
        this.vertx = vertx;
        this.metadata = metadata;
        this.iam = iam;
        this.partsPerSecond = partsPerSecond;
    }

    /** Starts a rotation (a new generation and the pass) unless one runs, which is then left alone. */
    public synchronized Future<JobProgress> rotate() {
        if (last != null && last.running()) return Future.succeededFuture(progress());
        return metadata.call(store -> iam.rotateDataKeys()).compose(generation -> {
            LOG.info("master-key rotation: data keys now wrapped under generation {}", generation);
            return start(null);
        });
    }

    /** After a restart: a rotation whose old generations were not yet destroyed is carried on. */
    public void resumeIfUnfinished() {
        if (iam.dataKeys().usableGenerations().size() > 1) {
            LOG.info("master-key rotation unfinished (generations {}): resuming",
                    iam.dataKeys().usableGenerations());
            start(null);
        }
    }

    /** Runs the pass of the rotation in progress (the node is ignored: keys are not per node). */
    @Override
    public synchronized Future<JobProgress> start(String node) {
        if (last != null && last.running()) return Future.succeededFuture(progress());
        PassCounters counters = new PassCounters(KIND, null, System.currentTimeMillis());
        last = counters;
        Promise<JobProgress> started = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> run(counters, started));
        return started.future();
    }

    @Override
    public synchronized JobProgress progress() {
        return last == null ? JobProgress.idle(KIND) : last.snapshot(System.currentTimeMillis());
    }

    private void run(PassCounters counters, Promise<JobProgress> started) {
        Future<Long> total = metadata.call(store -> 2 * (store.objects().count() + store.objects().countNoncurrent()
                + store.multipart().countParts()));
        total.onSuccess(count -> {
            counters.objectsTotal(count);
            started.complete(progress());
        });
        // Twice: the second walk finds what writes raced in during the first (normally nothing).
        total.compose(count -> walkAll(counters)).compose(stale -> walkAll(counters)).compose(stale -> {
            if (stale > 0 || counters.snapshot(0).shardsFailed() > 0) {
                return Future.failedFuture(stale + " data keys were still under an old generation after two "
                        + "walks; the old generations are kept, run the rotation again");
            }
            return metadata.call(store -> {
                iam.retireOldDataKeys();
                return null;
            });
        }).onComplete(result -> {
            counters.finish(result.cause(), System.currentTimeMillis());
            started.tryFail(result.cause());
            JobProgress end = counters.snapshot(System.currentTimeMillis());
            if (result.failed()) {
                LOG.warn("master-key rotation failed: {}", result.cause().getMessage());
            } else {
                LOG.info("master-key rotation done: {} data keys re-wrapped, old generations destroyed",
                        end.shardsRepaired());
            }
        });
    }

    /** One walk over every object version and open part; completes with how many stale keys it found. */
    private Future<Long> walkAll(PassCounters counters) {
        long before = counters.snapshot(0).shardsBad();
        return this.<ObjectEntry>walk(counters, (store, cursor) -> store.objects().scan(cursor, PAGE),
                        this::rewrapObject)
                .compose(v -> this.<PartEntry>walk(counters, (store, cursor) -> store.multipart().scanParts(cursor,
                        PAGE), this::rewrapPart))
                .map(v -> counters.snapshot(0).shardsBad() - before);
    }

    /** An entry's step: how many keys it re-wrapped. */
    private interface Rewrap<T> {
        Future<Integer> apply(PassCounters counters, T entry);
    }

    private <T> Future<Void> walk(PassCounters counters, BiFunction<MetadataStore, String, ScanPage<T>> page,
            Rewrap<T> rewrap) {
        return PagedWalk.<String>walk(cursor -> metadata.call(store -> page.apply(store, cursor)).compose(found -> {
            long began = System.currentTimeMillis();
            Future<Integer> done = Future.succeededFuture(0);
            for (T entry : found.items()) {
                done = done.compose(sum -> rewrap.apply(counters, entry).map(n -> {
                    counters.objectScanned();
                    return sum + n;
                }));
            }
            return done.compose(rewrapped -> pace(began, rewrapped)).map(v -> found.nextCursor());
        }));
    }

    /** Waits until {@code rewrapped} keys took at least their share of a second at the configured pace. */
    private Future<Void> pace(long beganMillis, int rewrapped) {
        long wait = rewrapped * 1000L / partsPerSecond - (System.currentTimeMillis() - beganMillis);
        if (wait <= 0) return Future.succeededFuture();
        Promise<Void> paced = Promise.promise();
        vertx.setTimer(wait, id -> paced.complete());
        return paced.future();
    }

    private Future<Integer> rewrapObject(PassCounters counters, ObjectEntry entry) {
        ObjectRecord object = entry.object();
        int stale = count(counters, object.layout().parts());
        if (stale == 0) return Future.succeededFuture(0);
        return metadata.call(store -> store.objects().rewrapKeys(entry.bucket(), object.key(), object.versionId(),
                        current -> current.withLayout(rewrapped(current.layout()))))
                .map(v -> repaired(counters, stale))
                .recover(failure -> skipOrFail(counters, failure));
    }

    private Future<Integer> rewrapPart(PassCounters counters, PartEntry entry) {
        int stale = count(counters, List.of(entry.part().layout()));
        if (stale == 0) return Future.succeededFuture(0);
        return metadata.call(store -> store.multipart().rewrapPart(entry.bucket(), entry.key(), entry.uploadId(),
                        entry.part().partNumber(), this::rewrapped))
                .map(v -> repaired(counters, stale))
                .recover(failure -> skipOrFail(counters, failure));
    }

    /** Counts the SSE-S3 parts checked and those under an old generation. */
    private int count(PassCounters counters, List<PartLayout> parts) {
        int current = iam.dataKeys().current();
        int stale = 0;
        for (PartLayout part : parts) {
            if (!masterWrapped(part)) continue;
            boolean old = DataKeyring.generation(part.sealing().wrappedKey()) != current;
            counters.shardChecked(old);
            if (old) stale++;
        }
        return stale;
    }

    private ObjectLayout rewrapped(ObjectLayout layout) {
        return new ObjectLayout(layout.k(), layout.m(), layout.blockSize(), layout.parts().stream()
                .map(this::rewrapped).toList());
    }

    private PartLayout rewrapped(PartLayout part) {
        if (!masterWrapped(part)) return part;
        return part.withWrappedKey(iam.dataKeys().rewrap(part.sealing().wrappedKey(),
                EnvelopeKeys.masterContext(part.shardSetId())));
    }

    private static boolean masterWrapped(PartLayout part) {
        return part.sealing() != null && Encryption.AES256.equals(part.sealing().encryption().algorithm());
    }

    private static int repaired(PassCounters counters, int count) {
        for (int i = 0; i < count; i++) counters.repaired();
        return count;
    }

    /** A version deleted or a part replaced since the scan has nothing left to re-wrap; anything else failed. */
    private static Future<Integer> skipOrFail(PassCounters counters, Throwable failure) {
        boolean gone = failure instanceof MetadataException e && (e.reason() == MetadataException.Reason.NO_SUCH_KEY
                || e.reason() == MetadataException.Reason.NO_SUCH_VERSION
                || e.reason() == MetadataException.Reason.NO_SUCH_UPLOAD);
        if (!gone) {
            LOG.warn("master-key rotation could not re-wrap a data key: {}", failure.toString());
            counters.shardFailed();
        }
        return Future.succeededFuture(0);
    }
}
