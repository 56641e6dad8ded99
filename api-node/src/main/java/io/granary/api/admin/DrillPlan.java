package io.granary.api.admin;

import java.util.ArrayList;
import java.util.List;

/**
 * What a recovery drill reads and which two nodes it treats as down for each object: the pair the
 * operator named ({@code nodes=A,B}), or every pair of the cluster's nodes in turn, one object after the
 * other (15 pairs for six nodes, so a sample of 15 or more objects exercises every pair); and either
 * every object or a uniform random sample of {@code sample} objects.
 *
 * @param sample how many objects to sample, or 0 for every object
 */
record DrillPlan(List<List<String>> pairs, int sample) {
    /** A sample is held in memory while the scan draws it; this bounds that memory. */
    static final int MAX_SAMPLE = 1_000_000;

    DrillPlan {
        pairs = List.copyOf(pairs);
    }

    /**
     * Parses the query parameters.
     *
     * @param sample the {@code sample} parameter, or null for every object
     * @param named  the {@code nodes} parameter ({@code A,B}), or null to rotate through every pair
     * @param nodes  the cluster's node ids
     * @throws AdminException InvalidArgument for a bad sample size or pair
     */
    static DrillPlan parse(String sample, String named, List<String> nodes) {
        return new DrillPlan(named == null ? allPairs(nodes) : List.of(namedPair(named, nodes)), sampleSize(sample));
    }

    /** The pair of nodes down while object number {@code index} (from 0) of the drill is read. */
    List<String> pairFor(long index) {
        return pairs.get((int) (index % pairs.size()));
    }

    private static List<List<String>> allPairs(List<String> nodes) {
        if (nodes.size() < 3) {
            throw AdminException.invalidArgument("A drill needs at least three data nodes; there are " + nodes.size()
                    + ".");
        }
        List<List<String>> pairs = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                pairs.add(List.of(nodes.get(i), nodes.get(j)));
            }
        }
        return pairs;
    }

    private static List<String> namedPair(String named, List<String> nodes) {
        String[] ids = named.split(",", -1);
        if (ids.length != 2 || ids[0].trim().equals(ids[1].trim())) {
            throw AdminException.invalidArgument("nodes must name two different data nodes, like node-2,node-5.");
        }
        List<String> pair = List.of(ids[0].trim(), ids[1].trim());
        for (String id : pair) {
            if (!nodes.contains(id)) {
                throw AdminException.invalidArgument("There is no data node " + id + "; the nodes are "
                        + String.join(", ", nodes) + ".");
            }
        }
        return pair;
    }

    private static int sampleSize(String sample) {
        if (sample == null) return 0;
        try {
            int size = Integer.parseInt(sample.trim());
            if (size >= 1 && size <= MAX_SAMPLE) return size;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw AdminException.invalidArgument("sample must be a whole number from 1 to " + MAX_SAMPLE + ".");
    }
}
