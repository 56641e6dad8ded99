package io.granary.api.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import org.junit.jupiter.api.Test;

class QuorumTrackerTest {
    @Test
    void aLostQuorumNamesEveryFailedShardAndWhy() {
        QuorumTracker quorum = new QuorumTracker(6, 5);
        IllegalStateException noNode = new IllegalStateException("no node");
        assertTrue(quorum.fail(5, noNode));
        IllegalStateException reset = new IllegalStateException("write of shard x-02 broke off: Connection reset");
        assertFalse(quorum.fail(2, reset));
        quorum.fail(2, new IllegalStateException("a later failure of the same shard"));

        S3Exception lost = quorum.quorumLost();
        assertEquals(S3Error.SERVICE_UNAVAILABLE, lost.error());
        assertEquals("Too few data nodes accepted the data (4 of 6, 5 needed); please retry.", lost.getMessage());
        assertEquals("shard 2: write of shard x-02 broke off: Connection reset; shard 5: no node",
                lost.getCause().getMessage());
        assertSame(reset, lost.getCause().getCause(), "the lowest failed index's cause, for the stack trace");
    }

    @Test
    void aShardNeverOpenedIsNamedToo() {
        QuorumTracker quorum = new QuorumTracker(6, 6);
        quorum.fail(0, null);
        assertEquals("shard 0: not opened", quorum.quorumLost().getCause().getMessage());
    }
}
