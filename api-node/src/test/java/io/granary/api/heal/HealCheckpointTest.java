package io.granary.api.heal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HealCheckpointTest {

    @Test
    void phasesGoObjectsThenPartsThenDone() {
        HealCheckpoint c = HealCheckpoint.starting(null, 0).withTotal(10);
        c = c.advanced(4, "cursor-a");
        assertEquals(HealCheckpoint.Phase.OBJECTS, c.phase());
        assertEquals("cursor-a", c.cursor());
        c = c.advanced(3, null);
        assertEquals(HealCheckpoint.Phase.PARTS, c.phase());
        assertEquals(null, c.cursor());
        c = c.advanced(3, null);
        assertEquals(HealCheckpoint.Phase.DONE, c.phase());
        assertEquals(10, c.objectsScanned());
    }

    @Test
    void progressReportsRateAndEtaWhileRunningAndCleanOnlyWithoutFailures() {
        HealCheckpoint c = HealCheckpoint.starting("node-2", 1_000).withTotal(100).advanced(25, "x")
                .checked(12, 2, 0).repaired(2, 4_000_000);
        JobProgress running = c.progress("heal", 3_000);
        assertEquals(JobProgress.State.RUNNING, running.state());
        assertEquals(2_000_000.0, running.bytesPerSecond(), 1e-6);
        assertEquals(6, running.etaSeconds(), "75 objects left at 25 objects per 2 s");
        assertEquals("node-2", running.node());
        JobProgress done = c.finished(5_000, null).progress("heal", 9_000);
        assertTrue(done.clean());
        assertEquals(0, done.etaSeconds());
        assertEquals(1_000_000.0, done.bytesPerSecond(), 1e-6, "rate over the pass's own duration");
        assertFalse(c.failed(1).finished(5_000, null).progress("heal", 5_000).clean());
        assertEquals(JobProgress.State.FAILED, c.finished(5_000, "boom").progress("heal", 5_000).state());
    }

    @Test
    void aPassThatNeverRanIsIdle() {
        assertEquals(JobProgress.idle("heal"), HealCheckpoint.idle().progress("heal", 1));
    }
}
