package io.granary.metadata.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.metadata.Fixtures;
import io.granary.metadata.MetadataStore;
import io.granary.metadata.model.CompletedUpload;
import io.granary.metadata.model.GarbageReason;
import io.granary.metadata.model.GarbageTask;
import io.granary.metadata.model.HealReason;
import io.granary.metadata.model.HealTask;
import io.granary.metadata.model.PartLayout;
import io.granary.metadata.model.PartRecord;
import io.granary.metadata.model.PartRef;
import io.granary.metadata.model.UploadRecord;
import io.granary.metadata.store.MetadataException.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class MultipartStoreTest {

    @TempDir
    Path dir;
    private MetadataStore store;
    private MultipartStore multipart;

    @BeforeEach
    void open() {
        store = Fixtures.open(dir);
        multipart = store.multipart();
        store.buckets().create("b", "alice", "us-east-1");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Map<Integer, PartRecord> upload(String uploadId, int... sizes) {
        Map<Integer, PartRecord> parts = new TreeMap<>();
        for (int i = 0; i < sizes.length; i++) {
            PartRecord part = Fixtures.partRecord(i + 1, sizes[i], "etag" + (i + 1));
            multipart.putPart("b", "k", uploadId, part, List.of());
            parts.put(i + 1, part);
        }
        return parts;
    }

    private static List<PartRef> refs(int... numbers) {
        List<PartRef> refs = new ArrayList<>();
        for (int n : numbers) refs.add(new PartRef(n, "\"etag" + n + "\""));
        return refs;
    }

    private static void assertReason(Reason reason, Executable action) {
        assertEquals(reason, assertThrows(MetadataException.class, action).reason());
    }

    private Map<GarbageReason, List<String>> garbage() {
        return store.garbageQueue().claim(1000, Duration.ofMinutes(1)).stream().map(QueuedTask::task)
                .collect(Collectors.groupingBy(GarbageTask::reason,
                        Collectors.mapping(GarbageTask::shardSetId, Collectors.toList())));
    }

    @Test
    void aPartHealedAfterItsUploadCompletedIsRepointedInTheObject() {
        // The soak's object-23: a part written while a node was down (shard 5 on no node, a heal task naming the
        // upload), the upload completed before the heal worker got to it. Treating the part as gone left the
        // object a shard short with the task acknowledged and the rebuilt shard deleted.
        String id = multipart.create("b", Fixtures.draft("k")).uploadId();
        List<String> five = new ArrayList<>(Fixtures.NODES);
        five.set(5, null);
        PartRecord part = new PartRecord(new PartLayout(1, 10, "etag1", "set-of-a-part-short-a-shard", five), 4, 2,
                1 << 20, List.of(), 1_700_000_000_000L);
        HealTask unplaced = new HealTask("b", "k", id, 1, "set-of-a-part-short-a-shard", 5, null,
                HealReason.WRITE_FAILED, 1L);
        multipart.putPart("b", "k", id, part, List.of(unplaced));
        multipart.complete("b", "k", id, refs(1), Fixtures::assemble);

        long task = store.healQueue().claim(10, Duration.ofMinutes(1)).get(0).id();
        assertTrue(store.objects().repointShard(unplaced, "n7", List.of(task)));
        assertEquals("n7", store.objects().get("b", "k").layout().parts().get(0).nodes().get(5));
        assertEquals(0, store.healQueue().length(), "acknowledged with the change");
    }

    @Test
    void aPartHealedAfterItsUploadWasAbortedChangesNothing() {
        String id = multipart.create("b", Fixtures.draft("k")).uploadId();
        PartRecord part = Fixtures.partRecord(1, 10, "etag1");
        multipart.putPart("b", "k", id, part, List.of());
        multipart.abort("b", "k", id);
        HealTask task = new HealTask("b", "k", id, 1, part.layout().shardSetId(), 2, "n3", HealReason.NODE_LOST, 1L);
        assertFalse(store.objects().repointShard(task, "n7", List.of()));
    }

    @Test
    void uploadIdsAreUrlSafeUniqueAndTheRecordKeepsCreateArguments() {
        UploadRecord a = multipart.create("b", Fixtures.draft("k"));
        UploadRecord b = multipart.create("b", Fixtures.draft("k"));
        assertNotEquals(a.uploadId(), b.uploadId());
        assertTrue(a.uploadId().matches("[0-9a-f]{32}"), a.uploadId());
        assertEquals(a, multipart.getUpload("b", "k", a.uploadId()));
        assertReason(Reason.NO_SUCH_UPLOAD, () -> multipart.getUpload("b", "k", "../etc"));
        assertReason(Reason.NO_SUCH_UPLOAD, () -> multipart.getUpload("b", "other", a.uploadId()));
    }

    @Test
    void replacingAPartSendsTheOldShardSetToGarbage() {
        String id = multipart.create("b", Fixtures.draft("k")).uploadId();
        PartRecord first = upload(id, 200).get(1);
        PartRecord second = Fixtures.partRecord(1, 300, "etag1b");
        assertEquals(first, multipart.putPart("b", "k", id, second, List.of()).orElseThrow());
        assertEquals(Map.of(GarbageReason.PART_REPLACED, List.of(first.layout().shardSetId())), garbage());
        assertEquals(List.of(second), multipart.listParts("b", "k", id, 0, 10).parts());
    }

    @Test
    void listPartsPagesByPartNumberMarker() {
        String id = multipart.create("b", Fixtures.draft("k")).uploadId();
        upload(id, 200, 200, 200, 200, 200, 200, 200);
        for (int max = 1; max <= 8; max++) {
            List<Integer> seen = new ArrayList<>();
            int marker = 0;
            PartPage page;
            do {
                page = multipart.listParts("b", "k", id, marker, max);
                page.parts().forEach(p -> seen.add(p.partNumber()));
                marker = page.nextPartNumberMarker();
            } while (page.truncated());
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), seen, "max-parts " + max);
        }
        assertEquals(List.of(6, 7), multipart.listParts("b", "k", id, 5, 10).parts().stream()
                .map(PartRecord::partNumber).toList());
    }

    @Test
    void completeValidatesOrderPresenceEtagsAndPartSizes() {
        String id = multipart.create("b", Fixtures.draft("k")).uploadId();
        upload(id, 200, 50, 200);
        assertReason(Reason.INVALID_PART_ORDER, () -> multipart.complete("b", "k", id, refs(2, 1), Fixtures::assemble));
        assertReason(Reason.INVALID_PART_ORDER, () -> multipart.complete("b", "k", id, refs(1, 1), Fixtures::assemble));
        assertReason(Reason.INVALID_PART, () -> multipart.complete("b", "k", id, refs(1, 4), Fixtures::assemble));
        assertReason(Reason.INVALID_PART, () -> multipart.complete("b", "k", id,
                List.of(new PartRef(1, "wrong")), Fixtures::assemble));
        assertReason(Reason.ENTITY_TOO_SMALL, () -> multipart.complete("b", "k", id, refs(1, 2, 3),
                Fixtures::assemble));
        assertReason(Reason.INVALID_ARGUMENT, () -> multipart.complete("b", "k", id, List.of(), Fixtures::assemble));
        assertEquals(3, multipart.listParts("b", "k", id, 0, 10).parts().size(), "failed completes change nothing");
    }

    @Test
    void completeCommitsTheObjectRetiresUnusedPartsAndIsIdempotent() {
        store.objects().put("b", Fixtures.object("k", "old"), PutCondition.none(), List.of());
        String oldSet = store.objects().get("b", "k").layout().parts().get(0).shardSetId();
        String id = multipart.create("b", Fixtures.draft("k")).uploadId();
        Map<Integer, PartRecord> parts = upload(id, 200, 200, 10);
        Function<Integer, String> set = n -> parts.get(n).layout().shardSetId();
        CompletedUpload done = multipart.complete("b", "k", id, refs(1, 3), Fixtures::assemble);
        assertEquals("multi-2", done.etag());
        assertEquals(List.of(set.apply(1), set.apply(3)), store.objects().get("b", "k").layout().parts().stream()
                .map(p -> p.shardSetId()).toList());
        assertEquals(Map.of(GarbageReason.PART_UNUSED, List.of(set.apply(2)),
                GarbageReason.OVERWRITTEN, List.of(oldSet)), garbage());
        assertEquals(done, multipart.complete("b", "k", id, refs(1, 3), (u, p) -> {
            throw new AssertionError("a repeat must not assemble again");
        }));
        assertReason(Reason.NO_SUCH_UPLOAD, () -> multipart.complete("b", "k", id, refs(1), Fixtures::assemble));
        assertReason(Reason.NO_SUCH_UPLOAD, () -> multipart.getUpload("b", "k", id));
        assertEquals("b", store.objects().shardOwner(set.apply(1)).map(o -> o.uploadId() == null ? "b" : "u")
                .orElseThrow());
        assertEquals(0, multipart.purgeCompleted(done.completedMillis()));
        assertEquals(1, multipart.purgeCompleted(done.completedMillis() + 1));
        assertReason(Reason.NO_SUCH_UPLOAD, () -> multipart.complete("b", "k", id, refs(1, 3), Fixtures::assemble));
    }

    @Test
    void abortSendsEveryPartToGarbageAndASecondAbortFindsNoUpload() {
        String id = multipart.create("b", Fixtures.draft("k")).uploadId();
        Map<Integer, PartRecord> parts = upload(id, 200, 200);
        multipart.abort("b", "k", id);
        assertEquals(Map.of(GarbageReason.UPLOAD_ABORTED, parts.values().stream()
                .map(p -> p.layout().shardSetId()).toList()), garbage());
        assertReason(Reason.NO_SUCH_UPLOAD, () -> multipart.abort("b", "k", id));
        assertReason(Reason.NO_SUCH_UPLOAD, () -> multipart.putPart("b", "k", id, Fixtures.partRecord(1, 1, "e"),
                List.of()));
        assertTrue(multipart.scanParts(null, 10).items().isEmpty());
    }

    @Test
    void scanPartsReportsBucketKeyAndUploadOfEveryOpenPart() {
        String id = multipart.create("b", Fixtures.draft("k")).uploadId();
        upload(id, 200, 200, 200);
        List<PartEntry> seen = new ArrayList<>();
        String cursor = null;
        do {
            ScanPage<PartEntry> page = multipart.scanParts(cursor, 2);
            seen.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(3, seen.size());
        assertTrue(seen.stream().allMatch(e -> e.bucket().equals("b") && e.key().equals("k")
                && e.uploadId().equals(id)));
    }

    @Test
    void countPartsCountsOnlyPartsOfOpenUploads() {
        String completed = multipart.create("b", Fixtures.draft("k")).uploadId();
        upload(completed, 200, 200);
        String aborted = multipart.create("b", Fixtures.draft("k")).uploadId();
        upload(aborted, 200);
        String open = multipart.create("b", Fixtures.draft("k")).uploadId();
        upload(open, 200, 200, 200);
        assertEquals(6, multipart.countParts());
        multipart.complete("b", "k", completed, refs(1, 2), Fixtures::assemble);
        multipart.abort("b", "k", aborted);
        assertEquals(3, multipart.countParts());
    }

    @Test
    void conditionalCompleteIsCheckedUnderTheKeysLockAndChangesNothingWhenItFails() {
        store.objects().put("b", Fixtures.object("k", "\"old\""), PutCondition.none(), List.of());
        String id = multipart.create("b", Fixtures.draft("k")).uploadId();
        upload(id, 200, 10);
        assertReason(Reason.PRECONDITION_FAILED, () -> multipart.complete("b", "k", id, refs(1, 2),
                PutCondition.ifAbsent(), Fixtures::assemble));
        assertReason(Reason.PRECONDITION_FAILED, () -> multipart.complete("b", "k", id, refs(1, 2),
                PutCondition.ifMatch("\"other\""), Fixtures::assemble));
        assertReason(Reason.CONDITIONAL_CONFLICT, () -> multipart.complete("b", "k", id, refs(1, 2),
                PutCondition.ifAbsent().afterPrecheck(), Fixtures::assemble));
        assertEquals(2, multipart.listParts("b", "k", id, 0, 10).parts().size(), "failed completes change nothing");
        assertEquals("\"old\"", store.objects().get("b", "k").etag());
        assertEquals("multi-2", multipart.complete("b", "k", id, refs(1, 2), PutCondition.ifMatch("old"),
                Fixtures::assemble).etag());
    }

    @Test
    void anUploadKeepsItsStorageClass() {
        String id = multipart.create("b", Fixtures.draft("k").withStorageClass("STANDARD_IA")).uploadId();
        assertEquals("STANDARD_IA", multipart.getUpload("b", "k", id).storageClass());
    }
}
