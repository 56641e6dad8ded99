package io.granary.api.cluster;

import io.granary.datanode.NodeHealth;
import io.granary.datanode.ShardStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data nodes an API node knows, by id, each with whether it is currently online (the
 * {@link HealthChecker} decides) and whether it is retired (replaced by another; its shards are
 * being moved off it) or full (its free space is down to its reserve, as its last health answer or a
 * refused write said). New shards go only to online nodes that are neither retired nor full; reads use
 * any online node, and go straight to parity for the others. Thread-safe.
 */
public final class NodeSet {
    /** Node ids are node-1, node-2, ...: the operator's list in order, then nodes added by replacement. */
    public static final String PREFIX = "node-";
    /** Room a node that refused a shard must have above its reserve to take new shards again: a 64 MiB shard. */
    public static final long ROOM_AFTER_REFUSAL = 64L << 20;

    private final Map<String, ShardStore> stores = new ConcurrentHashMap<>();
    private final List<String> order = new ArrayList<>();
    private final Set<String> offline = ConcurrentHashMap.newKeySet();
    private final Set<String> retired = ConcurrentHashMap.newKeySet();
    private final Set<String> full = ConcurrentHashMap.newKeySet();
    /** Nodes that refused a new shard for lack of room, and have not had room for a large one since. */
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final Map<String, NodeHealth> lastHealth = new ConcurrentHashMap<>();
    private final Map<String, Long> lastAnswerMillis = new ConcurrentHashMap<>();

    /** @param stores node id → store, in the operator's order */
    public NodeSet(Map<String, ShardStore> stores) {
        new LinkedHashMap<>(stores).forEach(this::add);
    }

    /** Every known node, retired ones included, in the order they were added. */
    public synchronized List<String> ids() {
        return List.copyOf(order);
    }

    /** The nodes new shards may be placed on: online, not retired and not full. */
    public List<String> onlineIds() {
        List<String> online = new ArrayList<>();
        for (String id : ids()) {
            if (!offline.contains(id) && !retired.contains(id) && !full.contains(id)) online.add(id);
        }
        return online;
    }

    /** The store of an online node (retired or not), or null when the node is offline or unknown. */
    public ShardStore online(String id) {
        return id == null || offline.contains(id) ? null : stores.get(id);
    }

    /** The store of a node whether online or not, or null when unknown. */
    public ShardStore store(String id) {
        return id == null ? null : stores.get(id);
    }

    public boolean isOnline(String id) {
        return id != null && stores.containsKey(id) && !offline.contains(id);
    }

    public boolean isRetired(String id) {
        return id != null && retired.contains(id);
    }

    public void markOnline(String id, boolean online) {
        if (online) {
            offline.remove(id);
        } else if (stores.containsKey(id)) {
            offline.add(id);
        }
    }

    /** Adds a node (online until a health check says otherwise). */
    public synchronized void add(String id, ShardStore store) {
        if (stores.putIfAbsent(id, store) != null) throw new IllegalArgumentException("node " + id + " exists");
        order.add(id);
    }

    /** Stops placing new shards on {@code id}; its shards stay readable while it answers. */
    public void retire(String id) {
        if (!stores.containsKey(id)) throw new IllegalArgumentException("no node " + id);
        retired.add(id);
    }

    /** Records what a node last said about its capacity (for placement, status and metrics). */
    public void recordHealth(String id, NodeHealth health) {
        lastHealth.put(id, health);
        lastAnswerMillis.put(id, System.currentTimeMillis());
        if (health.freeBytes() - health.reserveBytes() >= ROOM_AFTER_REFUSAL) refused.remove(id);
        if (health.full() || refused.contains(id)) {
            full.add(id);
        } else {
            full.remove(id);
        }
    }

    /**
     * Takes a node that refused a new shard for lack of room out of placement, until its health shows room for
     * {@link #ROOM_AFTER_REFUSAL} above its reserve: a node short of the reserve only by less than a shard is as
     * good as full, and trying it on every write would leave every new object a shard short.
     *
     * @return whether the node was taken out by this call
     */
    public boolean refusedForSpace(String id) {
        if (!stores.containsKey(id)) return false;
        refused.add(id);
        return full.add(id);
    }

    public boolean isFull(String id) {
        return id != null && full.contains(id);
    }

    /** When the node last answered a health probe (epoch millis), or null if it never did. */
    public Long lastAnswerMillis(String id) {
        return lastAnswerMillis.get(id);
    }

    /** What the node last said about its capacity, or null if it never answered. */
    public NodeHealth lastHealth(String id) {
        return lastHealth.get(id);
    }

    /** The online stores of a shard set's nodes, by shard index (null where offline or unknown). */
    public List<ShardStore> onlineStores(List<String> nodeIds) {
        List<ShardStore> out = new ArrayList<>(nodeIds.size());
        for (String id : nodeIds) {
            out.add(online(id));
        }
        return out;
    }
}
