package io.granary.api.heal;

import io.granary.api.async.AsyncMetadata;
import io.granary.api.cluster.NodeSet;
import io.granary.datanode.ShardId;
import io.granary.datanode.ShardStoreException;
import io.granary.erasure.StripeLayout;
import io.granary.metadata.model.HealTask;
import io.granary.metadata.model.PartLayout;
import io.granary.metadata.store.QueuedTask;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the heal queue continuously: shards that failed on a write below six, or were found missing
 * or corrupt by a read or the scrubber. Tasks are claimed in batches and grouped per shard set; each
 * shard is first checked on its node (a task may be stale: the object was overwritten, a read failed
 * for a passing reason, another task covered it) and only the shards that are really damaged, or whose
 * node is retired or was never assigned, are rebuilt. A shard whose node is merely offline waits: the
 * node may come back, and an administrator decides when it is gone for good (full heal, replace). Its
 * tasks keep their lease while the node stays offline and are released the first time the worker sees it
 * online again, so a node that returns is healed within one idle interval (waiting out the two-minute
 * lease held a recovered cluster degraded that long; a short fixed retry would instead cycle through the
 * whole queue every few seconds during an outage). Tasks whose shard has no node to go to (the others full or
 * holding one) likewise wait until the nodes that take new shards change. Tasks whose node looks online but did
 * not answer (killed a moment ago) come back after a few seconds; other unsettled tasks when their lease expires.
 */
public final class HealWorker {
    private static final Logger LOG = LoggerFactory.getLogger(HealWorker.class);
    private static final int BATCH = 32;
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final Vertx vertx;
    private final AsyncMetadata metadata;
    private final NodeSet nodes;
    private final StripeLayout layout;
    private final ShardHealer healer;
    private final ShardVerifier verifier;
    private final long idleMillis;
    /** Claimed tasks waiting for their offline node, by node. */
    private final WaitingForNodes waitingForNode = new WaitingForNodes();
    /** Claimed tasks with no node to rebuild on, and how many nodes took new shards when they were parked. */
    private final Set<Long> waitingForRoom = ConcurrentHashMap.newKeySet();
    private volatile int writableWhenParked;
    private volatile long parkedAtNanos;
    /** Parked tasks, and failed rebuilds, are retried this often (a parked one even when the nodes look the same). */
    private static final Duration ROOM_RETRY = Duration.ofSeconds(30);
    private static final Duration RETRY_UNANSWERED = Duration.ofSeconds(5);
    private boolean stopped = true;
    private long timer = -1;

    public HealWorker(Vertx vertx, AsyncMetadata metadata, NodeSet nodes, StripeLayout layout, ShardHealer healer,
            long idleMillis) {
        this.vertx = vertx;
        this.metadata = metadata;
        this.nodes = nodes;
        this.layout = layout;
        this.healer = healer;
        this.verifier = new ShardVerifier(new ByteRateLimiter(vertx, 0));
        this.idleMillis = idleMillis;
    }

    public void start() {
        stopped = false;
        schedule(0);
    }

    public void stop() {
        stopped = true;
        if (timer >= 0) vertx.cancelTimer(timer);
    }

    private void schedule(long delay) {
        if (stopped) return;
        if (delay == 0) {
            vertx.runOnContext(v -> loop());
        } else {
            timer = vertx.setTimer(delay, id -> loop());
        }
    }

    private void loop() {
        runOnce().onComplete(done -> {
            if (done.failed()) LOG.warn("heal pass over the queue failed", done.cause());
            schedule(done.succeeded() && done.result() > 0 ? 0 : idleMillis);
        });
    }

    /** Claims one batch and settles it; completes with the number of tasks claimed. */
    public Future<Integer> runOnce() {
        List<Long> released = releaseReturnedNodes();
        return metadata.call(store -> {
            if (!released.isEmpty()) store.healQueue().retryAfter(released, Duration.ZERO);
            return store.healQueue().claim(BATCH, LEASE);
        }).compose(claimed -> {
            Map<String, List<QueuedTask<HealTask>>> bySet = new LinkedHashMap<>();
            for (QueuedTask<HealTask> task : claimed) {
                bySet.computeIfAbsent(task.task().shardSetId(), k -> new ArrayList<>()).add(task);
            }
            List<Future<Void>> settled = new ArrayList<>();
            for (List<QueuedTask<HealTask>> tasks : bySet.values()) {
                settled.add(settle(tasks).recover(e -> {
                    LOG.info("shard set {} not healed yet: {}", tasks.get(0).task().shardSetId(), e.getMessage());
                    return Future.succeededFuture();
                }));
            }
            // A batch where nothing could be settled (nodes offline) must not spin: report it as empty.
            return Future.join(settled).map(v -> claimed.size());
        });
    }

    /** Checks and heals the shards of one set named by {@code tasks}. */
    private Future<Void> settle(List<QueuedTask<HealTask>> tasks) {
        HealTask first = tasks.get(0).task();
        return metadata.call(store -> store.objects().referencedLayout(first.shardSetId())).compose(found -> {
            List<Long> ids = tasks.stream().map(QueuedTask::id).toList();
            if (found.isEmpty()) return acknowledge(ids);
            PartLayout part = found.get();
            Map<Integer, List<Long>> byIndex = new TreeMap<>();
            for (QueuedTask<HealTask> task : tasks) {
                boolean current = Objects.equals(part.nodes().get(task.task().shardIndex()), task.task().node());
                // A task for a shard that has moved since was settled by whoever moved it.
                byIndex.computeIfAbsent(current ? task.task().shardIndex() : -1, k -> new ArrayList<>()).add(task.id());
            }
            List<Long> settled = new ArrayList<>(Optional.ofNullable(byIndex.remove(-1)).orElse(List.of()));
            return lost(part, byIndex.keySet()).compose(verdicts -> {
                Set<Integer> lost = new TreeSet<>();
                List<Long> unanswered = new ArrayList<>();
                verdicts.forEach((index, outcome) -> {
                    switch (outcome) {
                        case GOOD -> settled.addAll(byIndex.get(index));
                        case CORRUPT, MISSING -> lost.add(index);
                        default -> {
                            if (!waitIfOffline(part.nodes().get(index), byIndex.get(index))) {
                                unanswered.addAll(byIndex.get(index));
                            }
                        }
                    }
                });
                retry(unanswered, RETRY_UNANSWERED);
                if (lost.isEmpty()) return acknowledge(settled);
                List<Long> acks = new ArrayList<>(settled);
                lost.forEach(index -> acks.addAll(byIndex.get(index)));
                // Counted before the attempt: a node that comes back during it must still release the tasks.
                int writable = nodes.onlineIds().size();
                return healer.heal(first, part, lost, acks).onSuccess(outcome -> LOG.info(
                        "healed {} shard(s) of set {} ({} bytes)", outcome.rebuilt(), part.shardSetId(),
                        outcome.bytes())).<Void>mapEmpty().onFailure(e -> {
                            if (e instanceof HealException h && h.busy()) {
                                retry(acks, RETRY_UNANSWERED);
                            } else if (e instanceof HealException || e instanceof ShardStoreException f
                                    && f.kind() == ShardStoreException.Kind.NO_SPACE) {
                                waitForRoom(acks, writable);
                            } else {
                                retry(acks, ROOM_RETRY);
                            }
                        });
            });
        });
    }

    /** Per index: damaged (rebuild), good (stale task) or unreachable (node offline: wait). */
    private Future<Map<Integer, ShardVerifier.Outcome>> lost(PartLayout part, Set<Integer> indexes) {
        Map<Integer, Future<ShardVerifier.Outcome>> checks = new TreeMap<>();
        long length = layout.shardLength(part.size());
        for (int index : indexes) {
            String node = part.nodes().get(index);
            if (node == null || nodes.isRetired(node) || nodes.store(node) == null) {
                checks.put(index, Future.succeededFuture(ShardVerifier.Outcome.MISSING));
            } else if (!nodes.isOnline(node)) {
                checks.put(index, Future.succeededFuture(ShardVerifier.Outcome.FAILED));
            } else {
                checks.put(index, verifier.verify(nodes.online(node), ShardId.of(part.shardSetId(), index), length,
                        bytes -> { }));
            }
        }
        return Future.join(new ArrayList<>(checks.values())).map(v -> {
            Map<Integer, ShardVerifier.Outcome> verdicts = new TreeMap<>();
            checks.forEach((index, check) -> verdicts.put(index, check.result()));
            return verdicts;
        });
    }

    /** Unanswered: an offline node's tasks wait for it to return (true); the caller retries the others soon. */
    private boolean waitIfOffline(String node, List<Long> ids) {
        if (nodes.isOnline(node)) return false;
        waitingForNode.park(node, ids);
        return true;
    }

    /**
     * Tasks whose node looks online but did not answer (killed a moment ago, not yet marked offline), or whose set
     * another heal had in hand, come back after {@link #RETRY_UNANSWERED}; a rebuild that failed otherwise after
     * {@link #ROOM_RETRY}: neither holds a degraded set for the whole lease.
     */
    private void retry(List<Long> ids, Duration after) {
        if (ids.isEmpty()) return;
        metadata.call(store -> {
            store.healQueue().retryAfter(ids, after);
            return null;
        }).onFailure(e -> LOG.warn("could not reschedule {} heal task(s): {}", ids.size(), e.getMessage()));
    }

    private void waitForRoom(List<Long> ids, int writable) {
        writableWhenParked = writable;
        parkedAtNanos = System.nanoTime();
        waitingForRoom.addAll(ids);
    }

    /** The waiting tasks of every node that is online again, and those waiting for room once the nodes changed. */
    private List<Long> releaseReturnedNodes() {
        List<Long> released = new ArrayList<>();
        if (!waitingForRoom.isEmpty() && (nodes.onlineIds().size() != writableWhenParked
                || System.nanoTime() - parkedAtNanos > ROOM_RETRY.toNanos())) {
            released.addAll(waitingForRoom);
            waitingForRoom.removeAll(released);
        }
        released.addAll(waitingForNode.release(nodes));
        return released;
    }

    private Future<Void> acknowledge(List<Long> ids) {
        if (ids.isEmpty()) return Future.succeededFuture();
        return metadata.call(store -> {
            store.healQueue().acknowledge(ids);
            return null;
        });
    }
}
