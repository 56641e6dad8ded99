package io.granary.api.heal;

import io.granary.api.async.AsyncMetadata;
import io.granary.api.cluster.NodeSet;
import io.granary.datanode.ShardId;
import io.granary.datanode.ShardInfo;
import io.granary.datanode.ShardPage;
import io.granary.datanode.ShardStore;
import io.granary.metadata.model.PartLayout;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes shard files that no metadata record references, left by a crash between the shard writes and
 * the metadata commit (an API node killed mid-PUT), and stale copies: a shard heal moved elsewhere while
 * its node was down, found again when the node returns. A sweep pages through every online node's shards
 * in id order and deletes each whose set's current layout does not put that index on that node and whose
 * file was committed longer than {@code grace} ago. Sets this API node is writing or healing are skipped
 * ({@code inFlight}, asked before the set's layout is read, so a write that settles in between is seen
 * committed): a PUT's shards can wait unreferenced for its slowest shard's answer and the metadata commit,
 * tens of seconds under load, longer than the test clusters' 3-second grace. The grace covers the writes of
 * other processes (an API node killed between its shard writes and its commit). A heal that rebuilds a shard
 * of a set retired meanwhile leaves an orphan that a later sweep collects. Sweeps never overlap, and a node's
 * errors end only that node's part of a sweep.
 */
public final class OrphanCollector {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanCollector.class);
    private static final int PAGE = 1000;

    private final Vertx vertx;
    private final AsyncMetadata metadata;
    private final NodeSet nodes;
    private final Duration grace;
    private final Duration interval;
    private final Predicate<String> inFlight;
    private Future<Integer> latest = Future.succeededFuture(0);
    private long timer = -1;

    /**
     * @param grace    unreferenced shards younger than this are kept
     * @param interval time between automatic sweeps
     * @param inFlight whether this process is writing a set (shards committed, record not yet)
     */
    public OrphanCollector(Vertx vertx, AsyncMetadata metadata, NodeSet nodes, Duration grace, Duration interval,
            Predicate<String> inFlight) {
        this.vertx = vertx;
        this.inFlight = inFlight;
        this.metadata = metadata;
        this.nodes = nodes;
        this.grace = grace;
        this.interval = interval;
    }

    public synchronized void start() {
        timer = vertx.setPeriodic(interval.toMillis(), id -> sweepUnlessRunning());
    }

    public synchronized void stop() {
        if (timer >= 0) vertx.cancelTimer(timer);
    }

    /**
     * Runs one sweep over every online node, after the sweep in progress if there is one, and completes
     * with the number of shard files it deleted.
     */
    public synchronized Future<Integer> sweep() {
        latest = latest.transform(ignored -> sweepNodes());
        return latest;
    }

    /** The periodic trigger: a sweep still running when the next is due is not queued behind. */
    private synchronized void sweepUnlessRunning() {
        if (latest.isComplete()) sweep();
    }

    private Future<Integer> sweepNodes() {
        Instant cutoff = Instant.now().minus(grace);
        AtomicInteger deleted = new AtomicInteger();
        Future<Void> sweep = Future.succeededFuture();
        for (String node : nodes.onlineIds()) {
            sweep = sweep.compose(v -> sweepNode(node, cutoff, deleted));
        }
        return sweep.map(v -> {
            if (deleted.get() > 0) LOG.info("deleted {} orphan shard file(s) older than {}", deleted.get(), grace);
            return deleted.get();
        });
    }

    private Future<Void> sweepNode(String node, Instant cutoff, AtomicInteger deleted) {
        ShardStore store = nodes.online(node);
        if (store == null) return Future.succeededFuture();
        return PagedWalk.<ShardId>walk(after -> store.list(after, PAGE)
                .compose(page -> deleteOrphans(node, store, page, cutoff, deleted).map(v -> page.next())))
                .recover(failure -> {
                    LOG.warn("orphan sweep of {} stopped: {}", node, failure.getMessage());
                    return Future.succeededFuture();
                });
    }

    private Future<Void> deleteOrphans(String node, ShardStore store, ShardPage page, Instant cutoff,
            AtomicInteger deleted) {
        List<ShardInfo> old = page.shards().stream().filter(shard -> !shard.committedAt().isAfter(cutoff)
                && !inFlight.test(shard.id().setId())).toList();
        if (old.isEmpty()) return Future.succeededFuture();
        return metadata.call(meta -> {
            Map<String, Optional<PartLayout>> layouts = new HashMap<>();
            Set<ShardId> orphaned = new HashSet<>();
            for (ShardInfo shard : old) {
                Optional<PartLayout> layout = layouts.computeIfAbsent(shard.id().setId(),
                        set -> meta.objects().referencedLayout(set));
                if (layout.isEmpty() || !node.equals(layout.get().nodes().get(shard.id().index()))) {
                    orphaned.add(shard.id());
                }
            }
            return orphaned;
        }).compose(orphaned -> {
            // One delete at a time: orphans are few, and the node keeps serving clients meanwhile.
            Future<Void> deletes = Future.succeededFuture();
            for (ShardInfo shard : old) {
                if (!orphaned.contains(shard.id())) continue;
                deletes = deletes.compose(v -> store.delete(shard.id()).onSuccess(done -> {
                    deleted.incrementAndGet();
                    LOG.info("deleted orphan shard {} committed at {}", shard.id(), shard.committedAt());
                }));
            }
            return deletes;
        });
    }
}
