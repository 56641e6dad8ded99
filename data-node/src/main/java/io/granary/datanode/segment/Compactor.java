package io.granary.datanode.segment;

import io.vertx.core.Future;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background reclamation of a {@link SegmentVolume}, paced to {@code bytesPerSecond}. A pass rewrites
 * every sealed segment whose live ratio is below {@code liveRatio}: live PUTs are moved into the open
 * segment through the appender (a move is skipped if the shard was deleted or moved meanwhile), and
 * tombstones whose target segment still exists are carried forward; once all moves are durable the
 * segment is retired, its file deleted when its last reader releases it. The pass then migrates small
 * legacy file shards into segments. Passes run one at a time on {@link SegmentThreads}, never on the disk pool
 * (they sleep to keep the pace and wait for the appender).
 */
public final class Compactor {
    private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);
    private static final long WAIT_EVERY_BYTES = 1 << 20;
    private static final int MIGRATE_PAGE = 1000;

    private final SegmentVolume volume;
    private final LegacyShards legacy;
    private final long bytesPerSecond;
    private final double liveRatio;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong compacted = new AtomicLong();
    private final AtomicLong migrated = new AtomicLong();
    private long passBytes;
    private long passStartNanos;

    public Compactor(SegmentVolume volume, LegacyShards legacy, long bytesPerSecond, double liveRatio) {
        this.volume = volume;
        this.legacy = legacy;
        this.bytesPerSecond = bytesPerSecond;
        this.liveRatio = liveRatio;
    }

    /** Starts a pass unless one is running; the future completes when that pass (or the running one) ends. */
    public Future<Void> trigger() {
        if (!running.compareAndSet(false, true)) return Future.succeededFuture();
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        SegmentThreads.POOL.execute(() -> {
            try {
                pass();
                done.complete();
            } catch (Exception e) {
                LOG.warn("compaction pass failed (retried at the next one): {}", e.toString());
                done.fail(e);
            } finally {
                running.set(false);
            }
        });
        return done.future();
    }

    public SegmentStats stats() {
        return volume.stats(running.get(), compacted.get(), migrated.get());
    }

    private void pass() throws Exception {
        passBytes = 0;
        passStartNanos = System.nanoTime();
        long openId = volume.openSegment().id();
        List<Segment> candidates = new ArrayList<>();
        for (Segment segment : volume.segments().values()) {
            if (segment.id() != openId && ratio(segment) < liveRatio) candidates.add(segment);
        }
        candidates.sort(Comparator.comparingDouble(Compactor::ratio));
        for (Segment segment : candidates) compact(segment);
        migrateLegacy();
    }

    private static double ratio(Segment segment) {
        return segment.size() == 0 ? 0 : (double) segment.liveBytes() / segment.size();
    }

    private void compact(Segment segment) throws Exception {
        SegmentScan scan = new SegmentScan(segment.channel(), segment.size(), false);
        List<Future<SegmentEntry>> pending = new ArrayList<>();
        long unwaited = 0;
        for (SegmentScan.Found found = scan.next(); found != null; found = scan.next()) {
            SegmentRecord.Header h = found.header();
            SegmentEntry here = new SegmentEntry(segment.id(), found.offset(), h.payloadLength(), h.committedMillis());
            if (h.kind() == SegmentRecord.Kind.PUT && here.equals(volume.find(h.shardId()))) {
                pending.add(volume.submit(Append.Op.MOVE, h.shardId(), scan.payload(found.offset(), h),
                        h.committedMillis(), here));
            } else if (h.kind() == SegmentRecord.Kind.DELETE) {
                ByteBuffer target = scan.payload(found.offset(), h);
                long targetSegment = target.getLong(0);
                if (targetSegment != segment.id() && volume.segments().containsKey(targetSegment)) {
                    pending.add(volume.submit(Append.Op.CARRY, h.shardId(), target, h.committedMillis(), null));
                }
            }
            unwaited += h.recordLength();
            if (unwaited >= WAIT_EVERY_BYTES) {
                awaitAll(pending);
                pace(unwaited);
                unwaited = 0;
            }
        }
        awaitAll(pending);
        pace(unwaited);
        volume.forget(segment);
        segment.retire();
        LOG.info("compacted segment {} ({} bytes)", Segment.fileName(segment.id()), segment.size());
    }

    private void migrateLegacy() throws Exception {
        String after = null;
        while (true) {
            List<LegacyShards.Small> page = legacy.small(after, MIGRATE_PAGE);
            for (LegacyShards.Small shard : page) {
                ByteBuffer frames = legacy.read(shard.shardId());
                if (frames == null) continue;
                long bytes = SegmentRecord.HEADER_SIZE + frames.remaining();
                await(volume.submit(Append.Op.MIGRATE, shard.shardId(), frames, shard.committedMillis(), null));
                legacy.remove(shard.shardId());
                migrated.incrementAndGet();
                pace(bytes);
            }
            if (page.size() < MIGRATE_PAGE) return;
            after = page.get(page.size() - 1).shardId();
        }
    }

    private void awaitAll(List<Future<SegmentEntry>> pending) throws Exception {
        for (Future<SegmentEntry> future : pending) await(future);
        pending.clear();
    }

    private static void await(Future<?> future) throws Exception {
        future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    }

    /** Counts {@code bytes} as copied and sleeps as long as the pass runs ahead of its budget. */
    private void pace(long bytes) throws InterruptedException {
        compacted.addAndGet(bytes);
        passBytes += bytes;
        long dueNanos = passBytes * 1_000_000_000L / Math.max(1, bytesPerSecond);
        long aheadMillis = (dueNanos - (System.nanoTime() - passStartNanos)) / 1_000_000;
        if (aheadMillis > 0) Thread.sleep(aheadMillis);
    }
}
