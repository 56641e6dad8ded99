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
 * being moved off it). New shards go only to online nodes that are not retired; reads use any
 * online node, retired or not, and go straight to parity for the others. Thread-safe.
 */
public final class NodeSet {
    /** Node ids are node-1, node-2, ...: the operator's list in order, then nodes added by replacement. */
    public static final String PREFIX = "node-";

    private final Map<String, ShardStore> stores = new ConcurrentHashMap<>();
    private final List<String> order = new ArrayList<>();
    private final Set<String> offline = ConcurrentHashMap.newKeySet();
    private final Set<String> retired = ConcurrentHashMap.newKeySet();
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

    /** The nodes new shards may be placed on: online and not retired. */
    public List<String> onlineIds() {
        List<String> online = new ArrayList<>();
        for (String id : ids()) {
            if (!offline.contains(id) && !retired.contains(id)) online.add(id);
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

    /** Records what a node last said about its capacity (for status and metrics). */
    public void recordHealth(String id, NodeHealth health) {
        lastHealth.put(id, health);
        lastAnswerMillis.put(id, System.currentTimeMillis());
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
