package io.granary.api.heal;

import io.granary.api.async.AsyncMetadata;
import io.granary.api.cluster.NodeSet;
import io.granary.datanode.ShardId;
import io.granary.datanode.ShardStore;
import io.granary.metadata.MetadataStore;
import io.granary.metadata.model.HealReason;
import io.granary.metadata.store.ObjectEntry;
import io.granary.metadata.store.PartEntry;
import io.granary.metadata.store.ScanPage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads every shard of every current object and open-upload part at a bounded rate, letting the data
 * nodes verify each frame's CRC32C, and queues each corrupt ({@code CHECKSUM_MISMATCH}) or missing
 * ({@code SCRUB}) shard for heal, at most once per shard per pass. Shards on offline nodes are left
 * unchecked. One pass runs at a time, page by page through the metadata (objects first, then open
 * parts), one part at a time with its shards read in parallel. Besides passes started on demand, one
 * starts {@code interval} after the previous one ended; the end of the last completed pass is kept in a
 * file so restarts do not postpone scrubbing forever.
 */
public final class Scrubber implements BackgroundPass {
    public static final String KIND = "scrub";
    private static final Logger LOG = LoggerFactory.getLogger(Scrubber.class);
    private static final int PAGE = 100;

    private final Vertx vertx;
    private final AsyncMetadata metadata;
    private final NodeSet nodes;
    private final ShardVerifier verifier;
    private final Duration interval;
    private final Path lastPassFile;
    private PassCounters last;
    private Promise<JobProgress> lastDone;
    private long timer = -1;
    private volatile boolean stopped;

    /** The state of the running pass: its counters and the shards it already queued for heal. */
    private record Pass(PassCounters counters, Set<ShardId> queued) {
    }

    /**
     * @param limiter      paces every shard byte read
     * @param interval     automatic passes start this long after the previous one ended
     * @param lastPassFile where the end time of the last pass is kept across restarts
     */
    public Scrubber(Vertx vertx, AsyncMetadata metadata, NodeSet nodes, ByteRateLimiter limiter, Duration interval,
            Path lastPassFile) {
        this.vertx = vertx;
        this.metadata = metadata;
        this.nodes = nodes;
        this.verifier = new ShardVerifier(limiter);
        this.interval = interval;
        this.lastPassFile = lastPassFile;
    }

    /** Schedules the first automatic pass: an interval after the recorded last pass, or after now if none. */
    public void startSchedule() {
        vertx.fileSystem().readFile(lastPassFile.toString())
                .map(content -> Long.parseLong(content.toString().trim()))
                .otherwise(failure -> System.currentTimeMillis())
                .onSuccess(this::scheduleAfter);
    }

    /** Cancels automatic passes; a running pass ends (FAILED) at its next page. */
    public synchronized void stop() {
        stopped = true;
        if (timer >= 0) vertx.cancelTimer(timer);
    }

    @Override
    public synchronized Future<JobProgress> start(String node) {
        if (node != null && nodes.store(node) == null) {
            return Future.failedFuture(new IllegalArgumentException("no data node " + node));
        }
        if (last != null && last.running()) return Future.succeededFuture(progress());
        PassCounters counters = new PassCounters(KIND, node, System.currentTimeMillis());
        Promise<JobProgress> done = Promise.promise();
        last = counters;
        lastDone = done;
        Promise<JobProgress> started = Promise.promise();
        Context context = vertx.getOrCreateContext();
        context.runOnContext(v -> run(new Pass(counters, ConcurrentHashMap.newKeySet()), started, done));
        return started.future();
    }

    @Override
    public synchronized JobProgress progress() {
        return last == null ? JobProgress.idle(KIND) : last.snapshot(System.currentTimeMillis());
    }

    /** Completes with the final progress when the running pass ends, or at once with the last pass's. */
    public synchronized Future<JobProgress> whenDone() {
        return lastDone == null ? Future.succeededFuture(progress()) : lastDone.future();
    }

    private void run(Pass pass, Promise<JobProgress> started, Promise<JobProgress> done) {
        Future<Long> total = metadata.call(store -> store.objects().count() + store.objects().countNoncurrent()
                + store.multipart().countParts());
        total.onSuccess(count -> {
            pass.counters().objectsTotal(count);
            started.complete(progress());
        });
        total.compose(count -> this.<ObjectEntry>walk(pass, (store, cursor) -> store.objects().scan(cursor, PAGE),
                        ScrubTarget::of))
                .compose(v -> this.<PartEntry>walk(pass, (store, cursor) -> store.multipart().scanParts(cursor, PAGE),
                        ScrubTarget::of))
                .onComplete(result -> {
                    finish(pass.counters(), result.cause());
                    started.tryFail(result.cause());
                    done.complete(pass.counters().snapshot(System.currentTimeMillis()));
                });
    }

    /** Checks every entry of a scan, one page and one entry at a time. */
    private <T> Future<Void> walk(Pass pass, BiFunction<MetadataStore, String, ScanPage<T>> page,
            Function<T, List<ScrubTarget>> targets) {
        return PagedWalk.<String>walk(cursor -> {
            if (stopped) return Future.failedFuture("the API node is stopping");
            return metadata.call(store -> page.apply(store, cursor)).compose(found -> {
                Future<Void> entries = Future.succeededFuture();
                for (T entry : found.items()) {
                    entries = entries.compose(v -> checkEntry(pass, targets.apply(entry)));
                }
                return entries.map(v -> found.nextCursor());
            });
        });
    }

    /** Checks the parts of one object (or the one part of an upload) in turn. */
    private Future<Void> checkEntry(Pass pass, List<ScrubTarget> targets) {
        Future<Void> parts = Future.succeededFuture();
        for (ScrubTarget target : targets) {
            parts = parts.compose(v -> checkPart(pass, target));
        }
        return parts.onSuccess(v -> pass.counters().objectScanned());
    }

    private Future<Void> checkPart(Pass pass, ScrubTarget target) {
        List<Future<Void>> checks = new ArrayList<>();
        List<String> placed = target.part().nodes();
        for (int index = 0; index < placed.size(); index++) {
            String node = placed.get(index);
            // A shard never written (node null) was queued for heal with its write.
            if (node == null || pass.counters().node() != null && !pass.counters().node().equals(node)) continue;
            ShardStore store = nodes.online(node);
            if (store == null) {
                pass.counters().shardUnreachable();
                continue;
            }
            int shard = index;
            ShardId id = ShardId.of(target.part().shardSetId(), shard);
            checks.add(verifier.verify(store, id, target.shardLength(), pass.counters()::bytes)
                    .compose(outcome -> record(pass, target, shard, outcome)));
        }
        return Future.all(checks).mapEmpty();
    }

    private Future<Void> record(Pass pass, ScrubTarget target, int shard, ShardVerifier.Outcome outcome) {
        return switch (outcome) {
            case GOOD -> {
                pass.counters().shardChecked(false);
                yield Future.succeededFuture();
            }
            case FAILED -> {
                pass.counters().shardFailed();
                yield Future.succeededFuture();
            }
            case CORRUPT -> queueForHeal(pass, target, shard, HealReason.CHECKSUM_MISMATCH);
            case MISSING -> queueForHeal(pass, target, shard, HealReason.SCRUB);
        };
    }

    private Future<Void> queueForHeal(Pass pass, ScrubTarget target, int shard, HealReason reason) {
        pass.counters().shardChecked(true);
        if (!pass.queued().add(ShardId.of(target.part().shardSetId(), shard))) return Future.succeededFuture();
        long now = System.currentTimeMillis();
        return metadata.call(store -> store.healQueue().append(target.healTask(shard, reason, now))).mapEmpty();
    }

    private void finish(PassCounters counters, Throwable failure) {
        long now = System.currentTimeMillis();
        counters.finish(failure, now);
        JobProgress result = counters.snapshot(now);
        if (failure != null) {
            LOG.warn("scrub pass failed after {} objects: {}", result.objectsScanned(), failure.getMessage());
        } else {
            LOG.info("scrub pass done: {} objects, {} shards checked, {} bad, {} failed, {} on offline nodes "
                    + "unchecked, {} bytes", result.objectsScanned(), result.shardsChecked(), result.shardsBad(),
                    result.shardsFailed(), counters.shardsUnreachable(), result.bytes());
            // Only a finished pass counts: one cut short by a restart is due again at the next start.
            vertx.fileSystem().writeFile(lastPassFile.toString(), Buffer.buffer(Long.toString(now)))
                    .onFailure(e -> LOG.warn("could not record the scrub pass end in {}", lastPassFile, e));
        }
        scheduleAfter(now);
    }

    private synchronized void scheduleAfter(long endedMillis) {
        if (stopped) return;
        if (timer >= 0) vertx.cancelTimer(timer);
        long delay = Math.max(1, endedMillis + interval.toMillis() - System.currentTimeMillis());
        timer = vertx.setTimer(delay, id -> start(null));
    }
}
