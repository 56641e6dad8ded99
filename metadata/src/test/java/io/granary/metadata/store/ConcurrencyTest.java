package io.granary.metadata.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.metadata.Fixtures;
import io.granary.metadata.MetadataStore;
import io.granary.metadata.model.CompletedUpload;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.PartRef;
import io.granary.metadata.store.MetadataException.Reason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class ConcurrencyTest {

    private static final int THREADS = 16;

    @TempDir
    Path dir;
    private MetadataStore store;
    private ExecutorService pool;

    /** What one racer got: a value or the reason it was refused. */
    record Outcome<T>(T value, Reason refused) {
    }

    @BeforeEach
    void open() {
        store = Fixtures.open(dir);
        pool = Executors.newFixedThreadPool(THREADS);
        store.buckets().create("b", "alice", "us-east-1");
    }

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        store.close();
    }

    /** Starts every racer at once and collects the outcomes; any exception but a MetadataException fails. */
    private <T> List<Outcome<T>> race(IntFunction<Callable<T>> racer) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Outcome<T>>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Callable<T> action = racer.apply(i);
            futures.add(pool.submit(() -> {
                start.await();
                try {
                    return new Outcome<>(action.call(), null);
                } catch (MetadataException e) {
                    return new Outcome<>(null, e.reason());
                }
            }));
        }
        start.countDown();
        List<Outcome<T>> outcomes = new ArrayList<>();
        for (Future<Outcome<T>> f : futures) outcomes.add(f.get(60, TimeUnit.SECONDS));
        return outcomes;
    }

    private static <T> long winners(List<Outcome<T>> outcomes) {
        return outcomes.stream().filter(o -> o.refused() == null).count();
    }

    private static <T> void assertOthersRefusedWith(List<Outcome<T>> outcomes, Reason reason) {
        assertTrue(outcomes.stream().allMatch(o -> o.refused() == null || o.refused() == reason), outcomes::toString);
    }

    @Test
    void exactlyOneCreateOfTheSameBucketWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            String name = "race" + round;
            List<Outcome<Object>> outcomes = race(i -> () -> store.buckets().create(name, "owner" + i, "r"));
            assertEquals(1, winners(outcomes));
            assertOthersRefusedWith(outcomes, Reason.BUCKET_EXISTS);
        }
    }

    @Test
    void exactlyOnePutIfAbsentWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            String key = "k" + round;
            List<Outcome<Object>> outcomes = race(i -> () -> store.objects().put("b", Fixtures.object(key, "e" + i),
                    PutCondition.ifAbsent(), List.of()));
            assertEquals(1, winners(outcomes));
            assertOthersRefusedWith(outcomes, Reason.PRECONDITION_FAILED);
        }
    }

    @Test
    void exactlyOneIfMatchOnTheSameEtagWinsAndItsRecordIsCurrent() throws Exception {
        store.objects().put("b", Fixtures.object("k", "e0"), PutCondition.none(), List.of());
        List<Outcome<String>> outcomes = race(i -> () -> {
            store.objects().put("b", Fixtures.object("k", "w" + i), PutCondition.ifMatch("e0"), List.of());
            return "w" + i;
        });
        assertEquals(1, winners(outcomes));
        assertOthersRefusedWith(outcomes, Reason.PRECONDITION_FAILED);
        String winner = outcomes.stream().filter(o -> o.refused() == null).findFirst().orElseThrow().value();
        assertEquals(winner, store.objects().get("b", "k").etag());
        assertEquals(1, store.garbageQueue().length(), "only e0 was replaced");
    }

    @Test
    void racingIdenticalCompletesAssembleOnceAndAllReturnTheSameResult() throws Exception {
        String id = store.multipart().create("b", Fixtures.draft("k")).uploadId();
        store.multipart().putPart("b", "k", id, Fixtures.partRecord(1, 200, "p1"), List.of());
        store.multipart().putPart("b", "k", id, Fixtures.partRecord(2, 20, "p2"), List.of());
        List<PartRef> parts = List.of(new PartRef(1, "p1"), new PartRef(2, "p2"));
        AtomicInteger assembled = new AtomicInteger();
        List<Outcome<CompletedUpload>> outcomes = race(i -> () -> store.multipart().complete("b", "k", id, parts,
                (upload, chosen) -> {
                    assembled.incrementAndGet();
                    return Fixtures.assemble(upload, chosen);
                }));
        assertEquals(THREADS, winners(outcomes));
        assertEquals(1, assembled.get());
        assertEquals(1, outcomes.stream().map(Outcome::value).distinct().count());
    }

    @Test
    void completeRacingAbortHasExactlyOneOutcome() throws Exception {
        for (int round = 0; round < 5; round++) {
            String key = "k" + round;
            String id = store.multipart().create("b", Fixtures.draft(key)).uploadId();
            store.multipart().putPart("b", key, id, Fixtures.partRecord(1, 200, "p1"), List.of());
            List<PartRef> parts = List.of(new PartRef(1, "p1"));
            List<Outcome<String>> outcomes = race(i -> i % 2 == 0
                    ? () -> store.multipart().complete("b", key, id, parts, Fixtures::assemble).etag()
                    : () -> {
                        store.multipart().abort("b", key, id);
                        return "aborted";
                    });
            long completes = outcomes.stream().filter(o -> "multi-1".equals(o.value())).count();
            long aborts = outcomes.stream().filter(o -> "aborted".equals(o.value())).count();
            assertOthersRefusedWith(outcomes, Reason.NO_SUCH_UPLOAD);
            boolean completed = store.objects().find("b", key).map(ObjectRecord::etag).isPresent();
            if (completed) {
                assertEquals(0, aborts, outcomes.toString());
                assertEquals(THREADS / 2, completes, "every identical complete returns the result");
            } else {
                assertEquals(1, aborts, outcomes.toString());
                assertEquals(0, completes, outcomes.toString());
            }
        }
    }
}
