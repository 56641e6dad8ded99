package io.granary.api.placement;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rendezvous (highest-random-weight) hashing of a shard set over the online data nodes: every node
 * gets a pseudo-random score for the set id and the set's shards go to the best-scoring nodes, shard
 * index 0 to the best. Adding or losing a node moves only the sets that node wins or held, and any
 * API node computes the same answer without coordination.
 */
public final class Placement {

    private Placement() {
    }

    /**
     * Chooses {@code count} distinct nodes for {@code setId}.
     *
     * @param nodes the candidate node ids (online nodes); at least {@code count}
     * @return node ids, the i-th for shard index i
     * @throws IllegalArgumentException if fewer than {@code count} nodes are given
     */
    public static List<String> choose(String setId, List<String> nodes, int count) {
        if (nodes.size() < count) {
            throw new IllegalArgumentException("need " + count + " nodes, " + nodes.size() + " available");
        }
        long setHash = hash(setId.getBytes(StandardCharsets.UTF_8), 0x9E3779B97F4A7C15L);
        List<String> ranked = new ArrayList<>(nodes);
        ranked.sort(Comparator.comparingLong((String node) -> score(node, setHash)).reversed()
                .thenComparing(Comparator.naturalOrder()));
        return List.copyOf(ranked.subList(0, count));
    }

    private static long score(String node, long setHash) {
        return hash(node.getBytes(StandardCharsets.UTF_8), setHash);
    }

    /** FNV-1a over the bytes, seeded, then a SplitMix64 finaliser so scores spread over all 64 bits. */
    private static long hash(byte[] bytes, long seed) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
