package io.granary.api.heal;

import io.granary.api.async.AsyncMetadata;
import io.granary.api.cluster.ClusterRecord;
import io.granary.api.cluster.NodeSet;
import io.granary.datanode.ShardId;
import io.granary.erasure.StripeLayout;
import io.granary.metadata.MetadataStore;
import io.granary.metadata.model.HealReason;
import io.granary.metadata.model.HealTask;
import io.granary.metadata.model.PartLayout;
import io.granary.metadata.store.ObjectEntry;
import io.granary.metadata.store.PartEntry;
import io.granary.metadata.store.ScanPage;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full heal an administrator starts: every current object and every part of an open upload (or
 * only those with a shard on one node) is checked, and every shard that is missing, of the wrong
 * length, on a node that is offline or retired, or never written, is rebuilt by the {@link ShardHealer}.
 * Presence is checked with a stat; corrupt bytes are the scrubber's to find (it queues them for the
 * heal worker). Progress is checkpointed in the metadata store after every page, so a pass interrupted
 * by a restart resumes where it was instead of starting over; re-checking the page in flight is harmless.
 */
public final class HealPass implements BackgroundPass {
    static final String KIND = "heal";
    private static final Logger LOG = LoggerFactory.getLogger(HealPass.class);
    private static final ClusterRecord<HealCheckpoint> CHECKPOINT =
            ClusterRecord.v1("heal-pass", HealCheckpoint.class);
    private static final int PAGE = 64;
    private static final int PARALLEL = 4;

    private final AsyncMetadata metadata;
    private final NodeSet nodes;
    private final StripeLayout layout;
    private final ShardHealer healer;
    private final Supplier<Future<Void>> refreshNodes;
    private final AtomicReference<HealCheckpoint> current;
    private volatile boolean stopped;

    /**
     * @param refreshNodes asks every node for its health now: a pass judges shards on offline nodes lost, so
     *                     it starts from fresh node states (a node back a moment ago is online, not lost)
     */
    public HealPass(AsyncMetadata metadata, NodeSet nodes, StripeLayout layout, ShardHealer healer,
            Supplier<Future<Void>> refreshNodes) {
        this.metadata = metadata;
        this.nodes = nodes;
        this.layout = layout;
        this.healer = healer;
        this.refreshNodes = refreshNodes;
        this.current = new AtomicReference<>(HealCheckpoint.idle());
    }

    /** Loads the last pass's checkpoint and, if it was interrupted while running, resumes it. */
    public Future<Void> resume() {
        return metadata.call(store -> CHECKPOINT.read(store)
                .orElse(null)).map(saved -> {
            if (saved == null) return null;
            current.set(saved);
            if (saved.running()) {
                LOG.info("resuming the full heal interrupted at {} of {} objects", saved.objectsScanned(),
                        saved.objectsTotal());
                run();
            }
            return null;
        });
    }

    @Override
    public synchronized Future<JobProgress> start(String node) {
        if (current.get().running()) return Future.succeededFuture(progress());
        if (node != null && nodes.store(node) == null) {
            return Future.failedFuture(new IllegalArgumentException("no data node " + node));
        }
        current.set(HealCheckpoint.starting(node, System.currentTimeMillis()));
        return refreshNodes.get()
                .compose(v -> metadata.call(store -> store.objects().count()
                        + store.objects().countNoncurrent() + store.multipart().countParts()))
                .map(total -> {
                    current.updateAndGet(c -> c.withTotal(total));
                    run();
                    return progress();
                });
    }

    /** Stops after the page in flight, leaving the checkpoint as it is so that the next start resumes. */
    public void stop() {
        stopped = true;
    }

    @Override
    public JobProgress progress() {
        return current.get().progress(KIND, System.currentTimeMillis());
    }

    private void run() {
        page().onComplete(done -> {
            if (stopped) return;
            HealCheckpoint finished = current.updateAndGet(c -> c.finished(System.currentTimeMillis(),
                    done.failed() ? String.valueOf(done.cause().getMessage()) : null));
            save(finished);
            LOG.info("full heal {}: {} objects, {} shards rebuilt, {} failed", finished.state(),
                    finished.objectsScanned(), finished.shardsRepaired(), finished.shardsFailed());
        });
    }

    /** Scans and heals the page at the checkpoint's cursor, checkpoints, and goes on to the next. */
    private Future<Void> page() {
        HealCheckpoint at = current.get();
        if (stopped) return Future.failedFuture(new IllegalStateException("the API node is stopping"));
        if (at.phase() == HealCheckpoint.Phase.DONE) return Future.succeededFuture();
        return metadata.call(store -> scan(store, at)).compose(page -> healAll(page.parts(), 0).map(page))
                .compose(page -> {
                    HealCheckpoint next = current.updateAndGet(c -> c.advanced(page.objects(), page.nextCursor()));
                    return save(next);
                })
                .compose(v -> page());
    }

    private Future<Void> healAll(List<OwnedPart> parts, int from) {
        if (from >= parts.size()) return Future.succeededFuture();
        List<Future<Void>> window = new ArrayList<>();
        for (int i = from; i < Math.min(parts.size(), from + PARALLEL); i++) {
            OwnedPart part = parts.get(i);
            // The heal worker may be rebuilding this set right now: check it once that is done.
            window.add(healer.idle(part.part().shardSetId()).compose(v -> heal(part)));
        }
        return Future.join(window).transform(v -> healAll(parts, from + PARALLEL));
    }

    private Future<Void> heal(OwnedPart owned) {
        return heal(owned, owned.part());
    }

    /**
     * Checks and heals one set as it is stored now: after the healer refused the page's layout as changed (the
     * heal worker moved a shard, or the object went), or took the set between the check and the heal.
     */
    private Future<Void> healAsStored(OwnedPart owned) {
        return metadata.call(store -> store.objects().referencedLayout(owned.part().shardSetId())).compose(stored ->
                stored.isEmpty() ? Future.<Void>succeededFuture() : heal(owned, stored.get()));
    }

    private Future<Void> heal(OwnedPart owned, PartLayout part) {
        String only = current.get().node();
        long length = layout.shardLength(part.size());
        List<Future<ShardVerifier.Outcome>> checks = new ArrayList<>();
        List<Integer> checked = new ArrayList<>();
        for (int index = 0; index < part.nodes().size(); index++) {
            String node = part.nodes().get(index);
            if (only != null && !only.equals(node)) continue;
            checked.add(index);
            checks.add(node == null || !nodes.isOnline(node) || nodes.isRetired(node)
                    ? Future.succeededFuture(ShardVerifier.Outcome.MISSING)
                    : ShardVerifier.present(nodes.online(node), ShardId.of(part.shardSetId(), index), length));
        }
        return Future.join(checks).transform(v -> {
            Set<Integer> lost = new TreeSet<>();
            int unreachable = 0;
            for (int i = 0; i < checks.size(); i++) {
                ShardVerifier.Outcome outcome = checks.get(i).result();
                if (outcome.damaged()) lost.add(checked.get(i));
                if (outcome == ShardVerifier.Outcome.FAILED) unreachable++;
            }
            int failedChecks = unreachable;
            current.updateAndGet(c -> c.checked(checks.size(), lost.size(), failedChecks));
            if (lost.isEmpty()) return Future.succeededFuture();
            return healer.heal(owned.owner(), part, lost, List.of()).transform(outcome -> {
                if (outcome.failed() && outcome.cause() instanceof HealException e && e.busy()) {
                    // The heal worker took or moved the set since the page was read: check it again as
                    // stored.
                    current.updateAndGet(c -> c.checked(-checks.size(), -lost.size(), -failedChecks));
                    return healer.idle(part.shardSetId()).compose(again -> healAsStored(owned));
                }
                if (outcome.succeeded()) {
                    current.updateAndGet(c -> c.repaired(outcome.result().rebuilt(), outcome.result().bytes()));
                } else {
                    LOG.warn("could not heal {} shard(s) of set {}: {}", lost.size(), part.shardSetId(),
                            outcome.cause().getMessage());
                    current.updateAndGet(c -> c.repaired(0, 0).failed(lost.size()));
                }
                return Future.<Void>succeededFuture();
            });
        });
    }

    private Future<Void> save(HealCheckpoint checkpoint) {
        return metadata.call(store -> {
            CHECKPOINT.write(store, checkpoint);
            return null;
        });
    }

    /** Runs on the metadata pool: the next page of the phase the checkpoint is in. */
    private static ScannedPage scan(MetadataStore store, HealCheckpoint at) {
        long now = System.currentTimeMillis();
        List<OwnedPart> parts = new ArrayList<>();
        if (at.phase() == HealCheckpoint.Phase.OBJECTS) {
            ScanPage<ObjectEntry> page = store.objects().scan(at.cursor(), PAGE);
            for (ObjectEntry entry : page.items()) {
                for (PartLayout part : entry.object().layout().parts()) {
                    parts.add(new OwnedPart(owner(entry.bucket(), entry.object().key(), null, part, now), part));
                }
            }
            return new ScannedPage(parts, page.items().size(), page.nextCursor());
        }
        ScanPage<PartEntry> page = store.multipart().scanParts(at.cursor(), PAGE);
        for (PartEntry entry : page.items()) {
            PartLayout part = entry.part().layout();
            parts.add(new OwnedPart(owner(entry.bucket(), entry.key(), entry.uploadId(), part, now), part));
        }
        return new ScannedPage(parts, page.items().size(), page.nextCursor());
    }

    private static HealTask owner(String bucket, String key, String uploadId, PartLayout part, long now) {
        return new HealTask(bucket, key, uploadId, part.partNumber(), part.shardSetId(), -1, null,
                HealReason.NODE_LOST, now);
    }

    private record OwnedPart(HealTask owner, PartLayout part) {
    }

    private record ScannedPage(List<OwnedPart> parts, int objects, String nextCursor) {
    }
}
