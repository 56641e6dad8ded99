package io.granary.api.heal;

import io.granary.api.async.AsyncMetadata;
import io.granary.api.async.Pools;
import io.granary.api.cluster.NodeSet;
import io.granary.api.metrics.GranaryMetrics;
import io.granary.api.pipeline.ShardRebuilder;
import io.granary.api.placement.Placement;
import io.granary.datanode.ShardId;
import io.granary.datanode.ShardStore;
import io.granary.datanode.ShardWriter;
import io.granary.erasure.ReedSolomon;
import io.granary.erasure.StripeLayout;
import io.granary.metadata.model.HealTask;
import io.granary.metadata.model.PartLayout;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuilds the lost shards of one part and records where they now live. A shard whose node is online
 * and not retired is rewritten in place (after deleting whatever bad file is there); one whose node is
 * offline, retired or was never assigned moves to an online node holding no other shard of the set,
 * chosen by rendezvous placement, and the layout is re-pointed in one metadata batch that also
 * acknowledges the heal tasks. Metadata changes only after the rebuilt shards are durable, so a crash
 * or a dying node mid-heal leaves the old layout and at worst an unreferenced shard for garbage
 * collection. One heal per shard set at a time ({@link #idle} waits for the one in flight). Shared by the
 * heal worker and the full heal pass.
 */
public final class ShardHealer {
    private final Pools pools;
    private final ReedSolomon codec;
    private final StripeLayout layout;
    private final NodeSet nodes;
    private final AsyncMetadata metadata;
    private final ByteRateLimiter limiter;
    private final GranaryMetrics metrics;
    /** The heal in flight per shard set. */
    private final Map<String, Promise<Void>> healing = new ConcurrentHashMap<>();

    /** What a heal did. */
    public record Outcome(int rebuilt, long bytes) {
    }

    public ShardHealer(Pools pools, ReedSolomon codec, StripeLayout layout, NodeSet nodes, AsyncMetadata metadata,
            ByteRateLimiter limiter, GranaryMetrics metrics) {
        this.pools = pools;
        this.codec = codec;
        this.layout = layout;
        this.nodes = nodes;
        this.metadata = metadata;
        this.limiter = limiter;
        this.metrics = metrics;
    }

    /**
     * Rebuilds shard indexes {@code lost} of {@code part}.
     *
     * @param owner       names the part: bucket, key, upload id, part number and shard set (index and node unused)
     * @param acknowledge heal-queue task ids to acknowledge with the change
     */
    public Future<Outcome> heal(HealTask owner, PartLayout part, Set<Integer> lost, Collection<Long> acknowledge) {
        Promise<Void> mine = Promise.promise();
        if (healing.putIfAbsent(part.shardSetId(), mine) != null) {
            return Future.failedFuture(new HealException("shard set " + part.shardSetId() + " is already healing",
                    true));
        }
        return unchanged(part).compose(v -> {
            Map<Integer, String> targets;
            try {
                targets = targets(part, new TreeSet<>(lost));
            } catch (HealException e) {
                return Future.failedFuture(e);
            }
            return rebuild(part, targets).compose(bytes -> record(owner, part, targets, acknowledge).map(r -> {
                metrics.shardsHealed(targets.size(), bytes);
                return new Outcome(targets.size(), bytes);
            }));
        }).onComplete(done -> done(part, mine));
    }

    /**
     * Fails (as busy: look again) when the set's stored layout is no longer {@code part}: another heal re-pointed
     * a shard, or the object went, since the caller read it. Rebuilding from a stale layout would write a shard
     * that has just been rebuilt elsewhere (a full heal's page read before the heal worker moved it).
     */
    private Future<Void> unchanged(PartLayout part) {
        return metadata.call(store -> store.objects().referencedLayout(part.shardSetId())).compose(stored ->
                stored.isPresent() && stored.get().nodes().equals(part.nodes()) ? Future.succeededFuture()
                        : Future.failedFuture(new HealException("shard set " + part.shardSetId()
                                + " changed since it was checked", true)));
    }

    /** Whether a heal of {@code shardSetId} is in flight: its rebuilt shards may not be referenced yet. */
    public boolean isHealing(String shardSetId) {
        return healing.containsKey(shardSetId);
    }

    /** Completes when no heal of {@code shardSetId} is in flight (at once if none is). */
    public Future<Void> idle(String shardSetId) {
        Promise<Void> inFlight = healing.get(shardSetId);
        return inFlight == null ? Future.succeededFuture() : inFlight.future();
    }

    private void done(PartLayout part, Promise<Void> mine) {
        healing.remove(part.shardSetId(), mine);
        mine.complete();
    }

    /** The node each lost index is rebuilt on. */
    private Map<Integer, String> targets(PartLayout part, SortedSet<Integer> lost) throws HealException {
        Map<Integer, String> targets = new LinkedHashMap<>();
        List<Integer> moving = new ArrayList<>();
        for (int index : lost) {
            String node = part.nodes().get(index);
            if (nodes.isOnline(node) && !nodes.isRetired(node) && !nodes.isFull(node)) {
                targets.put(index, node);
            } else {
                moving.add(index);
            }
        }
        if (moving.isEmpty()) return targets;
        Set<String> holding = new HashSet<>(part.nodes());
        List<String> candidates = nodes.onlineIds().stream().filter(node -> !holding.contains(node)).toList();
        if (candidates.size() < moving.size()) {
            throw new HealException("shard set " + part.shardSetId() + ": " + moving.size() + " shards need a new "
                    + "node but only " + candidates.size() + " online nodes with room hold none of its shards", false);
        }
        List<String> chosen = Placement.choose(part.shardSetId(), candidates, moving.size());
        for (int i = 0; i < moving.size(); i++) {
            targets.put(moving.get(i), chosen.get(i));
        }
        return targets;
    }

    private Future<Long> rebuild(PartLayout part, Map<Integer, String> targets) {
        List<ShardStore> sources = nodes.onlineStores(part.nodes());
        Map<Integer, Future<ShardWriter>> opening = new LinkedHashMap<>();
        long shardLength = layout.shardLength(part.size());
        targets.forEach((index, node) -> {
            ShardStore store = nodes.online(node);
            ShardId id = ShardId.of(part.shardSetId(), index);
            // In place, whatever is there is damaged (that is why it is rebuilt) and committed shards are immutable.
            Future<Void> cleared = node.equals(part.nodes().get(index)) ? store.delete(id) : Future.succeededFuture();
            opening.put(index, cleared.compose(v -> store.openWrite(id, shardLength)));
        });
        return Future.join(new ArrayList<>(opening.values())).transform(opened -> {
            Map<Integer, ShardWriter> writers = new LinkedHashMap<>();
            opening.forEach((index, open) -> {
                if (open.succeeded()) writers.put(index, open.result());
            });
            if (opened.failed()) {
                writers.values().forEach(writer -> writer.abort(opened.cause()));
                return Future.failedFuture(opened.cause());
            }
            return new ShardRebuilder(pools, codec, layout, part.shardSetId(), part.size(), sources, writers,
                    limiter::acquire).run();
        });
    }

    /** Re-points moved shards (acknowledging with the first change) or just acknowledges in-place rebuilds. */
    private Future<Void> record(HealTask owner, PartLayout part, Map<Integer, String> targets,
            Collection<Long> acknowledge) {
        Map<Integer, String> moved = new LinkedHashMap<>(targets);
        moved.entrySet().removeIf(e -> e.getValue().equals(part.nodes().get(e.getKey())));
        return metadata.call(store -> {
            List<Integer> stale = new ArrayList<>();
            Collection<Long> acks = acknowledge;
            for (Map.Entry<Integer, String> move : moved.entrySet()) {
                HealTask shard = new HealTask(owner.bucket(), owner.key(), owner.uploadId(), owner.partNumber(),
                        part.shardSetId(), move.getKey(), part.nodes().get(move.getKey()), owner.reason(),
                        owner.enqueuedMillis());
                if (!store.objects().repointShard(shard, move.getValue(), acks)) stale.add(move.getKey());
                acks = List.of();
            }
            if (!acks.isEmpty()) store.healQueue().acknowledge(acks);
            return stale;
        }).compose(stale -> {
            // The part was overwritten or moved meanwhile: what was just written is referenced by nobody.
            List<Future<Void>> deletes = new ArrayList<>();
            for (int index : stale) {
                ShardStore store = nodes.online(moved.get(index));
                if (store != null) deletes.add(store.delete(ShardId.of(part.shardSetId(), index)));
            }
            return Future.join(deletes).otherwiseEmpty().mapEmpty();
        });
    }
}
