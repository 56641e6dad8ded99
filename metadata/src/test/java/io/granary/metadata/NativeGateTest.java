package io.granary.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.metadata.model.HealReason;
import io.granary.metadata.model.HealTask;
import io.granary.metadata.store.MetadataException;
import io.granary.metadata.store.MetadataException.Reason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeGateTest {

    @TempDir
    Path dir;

    @Test
    void closeWaitsForTheCallInsideAndThenRefusesNewOnes() throws Exception {
        NativeGate gate = new NativeGate();
        gate.enter();
        CompletableFuture<Boolean> closing = CompletableFuture.supplyAsync(() -> gate.close(10_000));
        // close has refused new calls (the next enter fails) but is still waiting for ours
        assertThrowsClosed(() -> waitUntilRefused(gate));
        assertFalse(closing.isDone());
        gate.exit();
        assertTrue(closing.get(10, TimeUnit.SECONDS));
        assertFalse(gate.close(10), "a second close is a no-op");
    }

    @Test
    void closeGivesUpWithoutFreeingWhenACallNeverReturns() {
        NativeGate gate = new NativeGate();
        gate.enter();
        MetadataException e = assertThrows(MetadataException.class, () -> gate.close(50));
        assertEquals(Reason.STORAGE_ERROR, e.reason());
        assertTrue(e.getMessage().contains("1 metadata calls"), e.getMessage());
    }

    /** The JVM crash this guards against: appends racing close used to reach freed column family handles. */
    @Test
    void appendsRacingCloseEitherCommitOrAreRefusedAndNeverCrash() throws Exception {
        MetadataStore store = Fixtures.open(dir);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        CountDownLatch started = new CountDownLatch(4);
        AtomicLong committed = new AtomicLong();
        List<Future<Long>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            results.add(writers.submit(() -> {
                started.countDown();
                long refused = 0;
                for (int i = 0; i < 100_000 && refused == 0; i++) {
                    try {
                        store.healQueue().append(new HealTask("b", "k" + i, null, 1, "set", 0, "n1",
                                HealReason.READ_FAILED, i));
                        committed.incrementAndGet();
                    } catch (MetadataException e) {
                        assertEquals(Reason.STORAGE_ERROR, e.reason());
                        refused++;
                    }
                }
                return refused;
            }));
        }
        started.await();
        while (committed.get() < 100) Thread.onSpinWait();
        store.close();
        for (Future<Long> result : results) assertEquals(1L, result.get(60, TimeUnit.SECONDS));
        writers.shutdown();
        try (MetadataStore reopened = Fixtures.open(dir)) {
            assertTrue(reopened.healQueue().length() >= committed.get());
        }
    }

    private static void waitUntilRefused(NativeGate gate) {
        while (true) {
            gate.enter();
            gate.exit();
            Thread.onSpinWait();
        }
    }

    private static void assertThrowsClosed(org.junit.jupiter.api.function.Executable call) {
        MetadataException e = assertThrows(MetadataException.class, call);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
}
