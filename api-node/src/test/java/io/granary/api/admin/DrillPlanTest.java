package io.granary.api.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DrillPlanTest {
    private static final List<String> NODES = List.of("node-1", "node-2", "node-3", "node-4", "node-5", "node-6");

    @Test
    void withoutANamedPairFifteenObjectsCoverEveryPairOfSixNodes() {
        DrillPlan plan = DrillPlan.parse(null, null, NODES);
        Set<Set<String>> seen = new HashSet<>();
        for (int i = 0; i < 15; i++) {
            List<String> pair = plan.pairFor(i);
            assertEquals(2, Set.copyOf(pair).size(), pair.toString());
            seen.add(Set.copyOf(pair));
        }
        assertEquals(15, seen.size());
        assertEquals(plan.pairFor(0), plan.pairFor(15), "the rotation starts over");
        assertEquals(0, plan.sample());
    }

    @Test
    void aNamedPairIsUsedForEveryObject() {
        DrillPlan plan = DrillPlan.parse("25", "node-2, node-5", NODES);
        assertEquals(List.of("node-2", "node-5"), plan.pairFor(0));
        assertEquals(List.of("node-2", "node-5"), plan.pairFor(7));
        assertEquals(25, plan.sample());
    }

    @Test
    void badPairsAndSampleSizesAreInvalidArguments() {
        for (String nodes : List.of("node-1", "node-1,node-1", "node-1,node-7", "node-1,node-2,node-3")) {
            AdminException e = assertThrows(AdminException.class, () -> DrillPlan.parse(null, nodes, NODES), nodes);
            assertEquals("InvalidArgument", e.code());
            assertEquals(400, e.status());
        }
        for (String sample : List.of("0", "-3", "x", "1000001")) {
            assertThrows(AdminException.class, () -> DrillPlan.parse(sample, null, NODES), sample);
        }
    }
}
