package io.granary.api.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementTest {
    private static final List<String> EIGHT = List.of("n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8");

    @Test
    void choosesDistinctNodesDeterministically() {
        List<String> a = Placement.choose("set-a", EIGHT, 6);
        assertEquals(6, new HashSet<>(a).size());
        assertEquals(a, Placement.choose("set-a", List.of("n8", "n7", "n6", "n5", "n4", "n3", "n2", "n1"), 6));
    }

    @Test
    void losingANodeMovesOnlyTheShardsItHeld() {
        int moved = 0;
        for (int i = 0; i < 500; i++) {
            String set = "set-" + i;
            List<String> before = Placement.choose(set, EIGHT, 6);
            List<String> after = Placement.choose(set, EIGHT.subList(0, 7), 6);
            if (!before.contains("n8")) {
                assertEquals(before, after, set);
            } else {
                assertFalse(after.contains("n8"));
                moved++;
            }
        }
        assertTrue(moved > 0);
    }

    @Test
    void spreadsShardIndexZeroEvenlyOverNodes() {
        Map<String, Integer> firsts = new HashMap<>();
        for (int i = 0; i < 8000; i++) {
            firsts.merge(Placement.choose("set-" + i, EIGHT, 6).get(0), 1, Integer::sum);
        }
        for (String node : EIGHT) {
            int count = firsts.getOrDefault(node, 0);
            assertTrue(count > 800 && count < 1200, node + " got " + count);
        }
    }

    @Test
    void refusesTooFewNodes() {
        assertThrows(IllegalArgumentException.class, () -> Placement.choose("s", EIGHT.subList(0, 5), 6));
    }
}
