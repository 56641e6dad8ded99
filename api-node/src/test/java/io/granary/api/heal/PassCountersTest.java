package io.granary.api.heal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PassCountersTest {

    @Test
    void aRunningPassEstimatesTheRestFromTheObjectsScannedSoFar() {
        PassCounters counters = new PassCounters("scrub", "node-2", 1_000);
        counters.objectsTotal(40);
        assertEquals(-1, counters.snapshot(2_000).etaSeconds(), "nothing scanned yet: unknown");
        for (int i = 0; i < 10; i++) counters.objectScanned();
        counters.bytes(3_000_000);
        JobProgress progress = counters.snapshot(11_000);
        assertEquals(JobProgress.State.RUNNING, progress.state());
        assertEquals(30, progress.etaSeconds(), "10 objects in 10 s, 30 to go");
        assertEquals(300_000.0, progress.bytesPerSecond(), 0.001);
        assertEquals("node-2", progress.node());
    }

    @Test
    void aFinishedPassKeepsItsRateAndCountsCheckedBadAndFailedShardsApart() {
        PassCounters counters = new PassCounters("scrub", null, 0);
        counters.shardChecked(false);
        counters.shardChecked(true);
        counters.shardFailed();
        counters.shardUnreachable();
        counters.bytes(2_000);
        counters.finish(null, 1_000);
        JobProgress done = counters.snapshot(99_000);
        assertEquals(done, counters.snapshot(5_000), "a finished pass no longer changes");
        assertEquals(2, done.shardsChecked());
        assertEquals(1, done.shardsBad());
        assertEquals(1, done.shardsFailed());
        assertEquals(1, counters.shardsUnreachable());
        assertEquals(2_000.0, done.bytesPerSecond(), 0.001);
        assertEquals(0, done.etaSeconds());
        assertFalse(done.clean(), "a shard could not be checked");
        assertFalse(counters.running());
    }

    @Test
    void aFailedPassSaysWhy() {
        PassCounters counters = new PassCounters("scrub", null, 0);
        assertTrue(counters.running());
        counters.finish(new IllegalStateException("metadata closed"), 10);
        JobProgress failed = counters.snapshot(20);
        assertEquals(JobProgress.State.FAILED, failed.state());
        assertEquals("metadata closed", failed.error());
        assertEquals(-1, failed.etaSeconds());
    }
}
