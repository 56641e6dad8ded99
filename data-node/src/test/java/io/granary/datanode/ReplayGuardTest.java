package io.granary.datanode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.granary.datanode.ReplayGuard.Verdict;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {
    static final long WINDOW_MS = 600_000;

    final ReplayGuard guard = new ReplayGuard(WINDOW_MS);

    @Test
    void everyCounterOnceInAnyOrderWithinTheWindow() {
        assertEquals(Verdict.FRESH, guard.admit("a", 10, 0, 0));
        assertEquals(Verdict.FRESH, guard.admit("a", 12, 0, 0));
        assertEquals(Verdict.FRESH, guard.admit("a", 11, 0, 0));
        assertEquals(Verdict.FRESH, guard.admit("a", 5, 0, 0), "reordered below the first seen");
        for (long c : new long[] {10, 11, 12, 5}) assertEquals(Verdict.REPLAYED, guard.admit("a", c, 0, 0));
        assertEquals(Verdict.FRESH, guard.admit("b", 10, 0, 0), "another sender counts on its own");
    }

    @Test
    void countersTooFarBehindAreRefused() {
        assertEquals(Verdict.FRESH, guard.admit("a", ReplayGuard.WINDOW + 100L, 0, 0));
        assertEquals(Verdict.TOO_OLD, guard.admit("a", 100, 0, 0));
        assertEquals(Verdict.FRESH, guard.admit("a", 101, 0, 0));
    }

    @Test
    void aMillionRequestsFromOneSenderAreAllAdmittedAndNoneTwice() {
        for (long c = 0; c < 1_000_000; c++) {
            // Pairs arrive swapped, as from two connections.
            long counter = c % 2 == 0 ? c + 1 : c - 1;
            assertEquals(Verdict.FRESH, guard.admit("a", counter, 0, 0));
        }
        for (long c = 1_000_000 - ReplayGuard.WINDOW; c < 1_000_000; c++) {
            assertEquals(Verdict.REPLAYED, guard.admit("a", c, 0, 0));
        }
    }

    @Test
    void quietSendersAreForgottenOnlyAfterTheirRequestsExpired() {
        assertEquals(Verdict.FRESH, guard.admit("a", 1, 1_000, 1_000));
        assertEquals(Verdict.REPLAYED, guard.admit("a", 1, 1_000, 1_000 + WINDOW_MS - 1));
        // Swept: the guard no longer knows "a", but the node's clock check refuses its old timestamps.
        assertEquals(Verdict.FRESH, guard.admit("a", 1, 1_000, 2_000 + WINDOW_MS * 2));
    }
}
