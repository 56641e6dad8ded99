package io.granary.metadata.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.metadata.Fixtures;
import io.granary.metadata.MetadataStore;
import io.granary.metadata.model.GarbageReason;
import io.granary.metadata.model.GarbageTask;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueStoreTest {

    @TempDir
    Path dir;

    private static GarbageTask task(String set) {
        return new GarbageTask(set, Fixtures.NODES, GarbageReason.ORPHANED, 1L);
    }

    private static List<String> sets(List<QueuedTask<GarbageTask>> claimed) {
        return claimed.stream().map(t -> t.task().shardSetId()).toList();
    }

    @Test
    void claimedTasksAreLeasedAndAcknowledgedTasksAreGone() {
        try (MetadataStore store = Fixtures.open(dir)) {
            QueueStore<GarbageTask> queue = store.garbageQueue();
            for (int i = 0; i < 5; i++) queue.append(task("s" + i));
            List<QueuedTask<GarbageTask>> first = queue.claim(3, Duration.ofMinutes(5));
            assertEquals(List.of("s0", "s1", "s2"), sets(first));
            assertEquals(List.of("s3", "s4"), sets(queue.claim(10, Duration.ofMinutes(5))));
            assertTrue(queue.claim(10, Duration.ofMinutes(5)).isEmpty());
            queue.acknowledge(first.stream().map(QueuedTask::id).toList());
            assertEquals(2, queue.length());
        }
    }

    @Test
    void unacknowledgedTasksComeBackAfterReopen() {
        try (MetadataStore store = Fixtures.open(dir)) {
            store.garbageQueue().append(task("a"));
            store.garbageQueue().append(task("b"));
            List<QueuedTask<GarbageTask>> claimed = store.garbageQueue().claim(10, Duration.ofHours(1));
            store.garbageQueue().acknowledge(List.of(claimed.get(0).id()));
        }
        try (MetadataStore store = Fixtures.open(dir)) {
            assertEquals(List.of("b"), sets(store.garbageQueue().claim(10, Duration.ofHours(1))));
            long next = store.garbageQueue().append(task("c"));
            assertTrue(next > 2, "sequence continues after the stored tasks: " + next);
        }
    }

    @Test
    void anExpiredLeaseMakesTheTaskClaimableAgain() {
        try (MetadataStore store = Fixtures.open(dir)) {
            QueueStore<GarbageTask> queue = store.garbageQueue();
            queue.append(task("a"));
            Duration lease = Duration.ofSeconds(30);
            assertEquals(List.of("a"), sets(queue.claim(1, lease, 1_000)));
            assertTrue(queue.claim(1, lease, 30_999).isEmpty());
            assertEquals(List.of("a"), sets(queue.claim(1, lease, 31_001)));
        }
    }

    @Test
    void aTaskToRetrySoonIsClaimableBeforeItsLeaseWouldHaveEnded() {
        try (MetadataStore store = Fixtures.open(dir)) {
            QueueStore<GarbageTask> queue = store.garbageQueue();
            queue.append(task("a"));
            queue.append(task("b"));
            List<QueuedTask<GarbageTask>> claimed = queue.claim(2, Duration.ofMinutes(2), 1_000);
            queue.retryAfter(List.of(claimed.get(0).id()), Duration.ofSeconds(5), 2_000);
            assertTrue(queue.claim(2, Duration.ofMinutes(2), 6_999).isEmpty());
            assertEquals(List.of("a"), sets(queue.claim(2, Duration.ofMinutes(2), 7_001)));
            // a retry never lengthens a lease, and a task not leased is not leased by it
            queue.retryAfter(List.of(claimed.get(1).id()), Duration.ofHours(1), 7_002);
            assertEquals(List.of("b"), sets(queue.claim(2, Duration.ofMinutes(2), 121_001)));
            long c = queue.append(task("c"));
            queue.retryAfter(List.of(c), Duration.ofHours(1), 121_002);
            assertEquals(List.of("c"), sets(queue.claim(2, Duration.ofMinutes(2), 121_003)));
        }
    }

    @Test
    void peekPagesThroughStoredTasksWithoutClaimingThem() {
        try (MetadataStore store = Fixtures.open(dir)) {
            QueueStore<GarbageTask> queue = store.garbageQueue();
            for (int i = 0; i < 5; i++) queue.append(task("p" + i));
            List<QueuedTask<GarbageTask>> leased = queue.claim(2, Duration.ofHours(1));
            List<QueuedTask<GarbageTask>> first = queue.peek(0, 3);
            assertEquals(List.of("p0", "p1", "p2"), sets(first));
            assertEquals(List.of("p3", "p4"), sets(queue.peek(first.get(2).id(), 3)));
            assertTrue(queue.peek(first.get(2).id() + 2, 3).isEmpty());
            assertEquals(List.of("p2", "p3", "p4"), sets(queue.claim(10, Duration.ofHours(1))),
                    "peeking leased nothing; the two claimed before stay leased: " + sets(leased));
        }
    }
}
