package io.granary.api.cluster;

import io.granary.datanode.ShardStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data nodes an API node writes to and reads from, by id, each with whether it is currently
 * considered online. Writes are placed only on online nodes; reads skip offline ones and go straight
 * to parity. Thread-safe.
 */
public final class NodeSet {
    private final Map<String, ShardStore> stores;
    private final Set<String> offline = ConcurrentHashMap.newKeySet();

    /** @param stores node id → store, in the operator's order */
    public NodeSet(Map<String, ShardStore> stores) {
        this.stores = new LinkedHashMap<>(stores);
    }

    public List<String> ids() {
        return List.copyOf(stores.keySet());
    }

    public List<String> onlineIds() {
        List<String> online = new ArrayList<>();
        for (String id : stores.keySet()) {
            if (!offline.contains(id)) online.add(id);
        }
        return online;
    }

    /** The store of an online node, or null when the node is offline or unknown. */
    public ShardStore online(String id) {
        return offline.contains(id) ? null : stores.get(id);
    }

    /** The store of a node whether online or not, or null when unknown. */
    public ShardStore store(String id) {
        return stores.get(id);
    }

    public boolean isOnline(String id) {
        return stores.containsKey(id) && !offline.contains(id);
    }

    public void markOnline(String id, boolean online) {
        if (online) {
            offline.remove(id);
        } else if (stores.containsKey(id)) {
            offline.add(id);
        }
    }

    /** The online stores of a shard set's nodes, by shard index (null where offline or unknown). */
    public List<ShardStore> onlineStores(List<String> nodeIds) {
        List<ShardStore> out = new ArrayList<>(nodeIds.size());
        for (String id : nodeIds) {
            out.add(id == null ? null : online(id));
        }
        return out;
    }
}
