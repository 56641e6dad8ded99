package io.granary.api.heal;

import io.granary.api.cluster.NodeSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Claimed queue tasks that wait for an offline data node, by node: released once the node is online again, or
 * retired or replaced (the next claim then settles them anew), so a node that returns is served within one pass
 * instead of after the tasks' leases run out. Thread-safe.
 */
final class WaitingForNodes {
    private final Map<String, Set<Long>> byNode = new ConcurrentHashMap<>();

    /** Parks tasks {@code ids} until {@code node} is back. */
    void park(String node, Collection<Long> ids) {
        byNode.computeIfAbsent(node, k -> ConcurrentHashMap.newKeySet()).addAll(ids);
    }

    /** The tasks of every node that is online again, retired or gone, no longer parked. */
    List<Long> release(NodeSet nodes) {
        List<Long> released = new ArrayList<>();
        for (String node : List.copyOf(byNode.keySet())) {
            if (nodes.isOnline(node) || nodes.isRetired(node) || nodes.store(node) == null) {
                Set<Long> ids = byNode.remove(node);
                if (ids != null) released.addAll(ids);
            }
        }
        return released;
    }
}
