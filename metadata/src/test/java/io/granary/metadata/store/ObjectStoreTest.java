package io.granary.metadata.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.metadata.Fixtures;
import io.granary.metadata.MetadataStore;
import io.granary.metadata.model.ContentHeaders;
import io.granary.metadata.model.GarbageReason;
import io.granary.metadata.model.GarbageTask;
import io.granary.metadata.model.HealReason;
import io.granary.metadata.model.HealTask;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.PartLayout;
import io.granary.metadata.model.ShardOwner;
import io.granary.metadata.store.MetadataException.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoreTest {

    @TempDir
    Path dir;
    private MetadataStore store;
    private ObjectStore objects;

    @BeforeEach
    void open() {
        store = Fixtures.open(dir);
        objects = store.objects();
        store.buckets().create("b", "alice", "us-east-1");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void putThenGetReturnsTheSameRecord() {
        ObjectRecord record = Fixtures.object("dir/ünïcode 😀.txt", "\"abc\"");
        assertEquals(record, objects.put("b", record, PutCondition.none(), List.of()));
        assertEquals(record, objects.get("b", "dir/ünïcode 😀.txt"));
    }

    @Test
    void tagsReadBackInTheOrderTheyWereGiven() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("zeta", "1");
        tags.put("alpha", "2");
        tags.put("mid", "3");
        ObjectRecord base = Fixtures.object("tagged", "\"abc\"");
        ObjectRecord record = new ObjectRecord(base.key(), base.versionId(), base.size(), base.etag(), base.headers(),
                base.userMetadata(), tags, base.checksums(), base.lastModifiedMillis(), base.layout(),
                base.storageClass());
        objects.put("b", record, PutCondition.none(), List.of());
        assertEquals(List.of("zeta", "alpha", "mid"), List.copyOf(objects.get("b", "tagged").tags().keySet()));
    }

    @Test
    void getOfAMissingKeyOrBucketNamesTheReason() {
        assertEquals(Reason.NO_SUCH_KEY, assertThrows(MetadataException.class, () -> objects.get("b", "x")).reason());
        assertEquals(Reason.NO_SUCH_BUCKET,
                assertThrows(MetadataException.class, () -> objects.get("nope", "x")).reason());
    }

    @Test
    void keysOverOneThousandTwentyFourBytesOrWithNulAreRefused() {
        String tooLong = "é".repeat(513);
        MetadataException e = assertThrows(MetadataException.class,
                () -> objects.put("b", Fixtures.object(tooLong, "e"), PutCondition.none(), List.of()));
        assertEquals(Reason.KEY_TOO_LONG, e.reason());
        objects.put("b", Fixtures.object("é".repeat(512), "e"), PutCondition.none(), List.of());
        assertEquals(Reason.INVALID_ARGUMENT, assertThrows(MetadataException.class, () -> objects.get("b", "a\0b"))
                .reason());
    }

    @Test
    void overwriteSendsTheReplacedShardSetsToGarbageAndFailedShardsToHeal() {
        ObjectRecord first = Fixtures.object("k", "e1");
        objects.put("b", first, PutCondition.none(), List.of());
        ObjectRecord second = Fixtures.object("k", "e2");
        String newSet = second.layout().parts().get(0).shardSetId();
        HealTask failed = new HealTask("b", "k", null, 1, newSet, 3, "n4", HealReason.WRITE_FAILED, 1L);
        assertEquals(second, objects.put("b", second, PutCondition.none(), List.of(failed)));
        List<QueuedTask<GarbageTask>> garbage = store.garbageQueue().claim(10, Duration.ofMinutes(1));
        assertEquals(1, garbage.size());
        assertEquals(first.layout().parts().get(0).shardSetId(), garbage.get(0).task().shardSetId());
        assertEquals(GarbageReason.OVERWRITTEN, garbage.get(0).task().reason());
        assertEquals(List.of(failed), store.healQueue().claim(10, Duration.ofMinutes(1)).stream()
                .map(QueuedTask::task).toList());
        assertTrue(objects.shardOwner(first.layout().parts().get(0).shardSetId()).isEmpty());
        assertEquals(new ShardOwner(1, "k", null, 1), objects.shardOwner(newSet).orElseThrow());
    }

    @Test
    void ifAbsentFailsWhenTheKeyExistsAndIfMatchFailsOnAnotherEtag() {
        objects.put("b", Fixtures.object("k", "e1"), PutCondition.ifAbsent(), List.of());
        MetadataException absent = assertThrows(MetadataException.class,
                () -> objects.put("b", Fixtures.object("k", "e2"), PutCondition.ifAbsent(), List.of()));
        assertEquals(Reason.PRECONDITION_FAILED, absent.reason());
        MetadataException match = assertThrows(MetadataException.class,
                () -> objects.put("b", Fixtures.object("k", "e3"), PutCondition.ifMatch("other"), List.of()));
        assertEquals(Reason.PRECONDITION_FAILED, match.reason());
        objects.put("b", Fixtures.object("k", "e4"), PutCondition.ifMatch("\"e1\""), List.of());
        assertEquals("e4", objects.get("b", "k").etag());
        MetadataException missing = assertThrows(MetadataException.class,
                () -> objects.put("b", Fixtures.object("new", "e"), PutCondition.ifMatch("e"), List.of()));
        assertEquals(Reason.NO_SUCH_KEY, missing.reason());
        assertEquals(1, store.garbageQueue().length(), "only the e1 overwrite produced garbage");
    }

    @Test
    void deleteRemovesTheRecordAndSendsItsShardsToGarbage() {
        ObjectRecord record = Fixtures.object("k", "e1");
        objects.put("b", record, PutCondition.none(), List.of());
        assertEquals(DeleteOutcome.UNVERSIONED, objects.delete("b", "k"));
        assertTrue(objects.find("b", "k").isEmpty());
        assertEquals(DeleteOutcome.UNVERSIONED, objects.delete("b", "k"));
        assertEquals(1, store.garbageQueue().length(), "deleting a missing key retires nothing");
        GarbageTask task = store.garbageQueue().claim(10, Duration.ofMinutes(1)).get(0).task();
        assertEquals(GarbageReason.DELETED, task.reason());
        assertEquals(Fixtures.NODES, task.nodes());
    }

    @Test
    void updateChangesTagsAndMetadataButRefusesToChangeTheLayout() {
        objects.put("b", Fixtures.object("k", "e1"), PutCondition.none(), List.of());
        ObjectRecord tagged = objects.update("b", "k", r -> r.withTags(Map.of("project", "x")));
        assertEquals(Map.of("project", "x"), objects.get("b", "k").tags());
        ObjectRecord copied = objects.update("b", "k", r -> r.withMetadata(ContentHeaders.none(), Map.of(), 5L));
        assertEquals(tagged.tags(), copied.tags());
        assertNull(objects.get("b", "k").headers().contentType());
        MetadataException e = assertThrows(MetadataException.class, () -> objects.update("b", "k",
                r -> r.withLayout(Fixtures.object("k", "e1").layout())));
        assertEquals(Reason.INVALID_ARGUMENT, e.reason());
        assertEquals(Reason.NO_SUCH_KEY, assertThrows(MetadataException.class,
                () -> objects.update("b", "missing", r -> r)).reason());
    }

    @Test
    void repointShardMovesOneShardIndexAndAcknowledgesTheHealTaskTogether() {
        ObjectRecord record = Fixtures.object("k", "e1");
        String set = record.layout().parts().get(0).shardSetId();
        HealTask failed = new HealTask("b", "k", null, 1, set, 2, "n3", HealReason.NODE_LOST, 1L);
        objects.put("b", record, PutCondition.none(), List.of(failed));
        QueuedTask<HealTask> claimed = store.healQueue().claim(1, Duration.ofMinutes(1)).get(0);
        assertTrue(objects.repointShard(claimed.task(), "n9", List.of(claimed.id())));
        assertEquals(List.of("n1", "n2", "n9", "n4", "n5", "n6"),
                objects.get("b", "k").layout().parts().get(0).nodes());
        assertEquals(0, store.healQueue().length());
        objects.put("b", Fixtures.object("k", "e2"), PutCondition.none(), List.of(failed));
        QueuedTask<HealTask> stale = store.healQueue().claim(1, Duration.ofMinutes(1)).get(0);
        assertFalse(objects.repointShard(stale.task(), "n9", List.of(stale.id())),
                "the shard set was overwritten meanwhile");
        assertEquals(0, store.healQueue().length());
    }

    @Test
    void aShardNoNodeTookIsStoredAsNullAndPlacedLaterByRepointing() {
        List<String> five = new ArrayList<>(Fixtures.NODES);
        five.set(5, null);
        PartLayout part = new PartLayout(1, 10, "e", "setwithanunplacedshard0001", five);
        objects.put("b", Fixtures.object("k", "e1", List.of(part)), PutCondition.none(), List.of());
        assertNull(objects.get("b", "k").layout().parts().get(0).nodes().get(5));
        HealTask unplaced = new HealTask("b", "k", null, 1, "setwithanunplacedshard0001", 5, null,
                HealReason.WRITE_FAILED, 1L);
        assertTrue(objects.repointShard(unplaced, "n7", List.of()));
        assertEquals("n7", objects.get("b", "k").layout().parts().get(0).nodes().get(5));
        objects.put("b", Fixtures.object("k", "e2"), PutCondition.none(), List.of());
        assertEquals(1, store.garbageQueue().length(), "the replaced set, nulls and all, goes to the garbage queue");
    }

    @Test
    void referencedLayoutFollowsTheCurrentRecordOfAShardSet() {
        ObjectRecord record = Fixtures.object("k", "e1");
        String set = record.layout().parts().get(0).shardSetId();
        assertTrue(objects.referencedLayout(set).isEmpty());
        objects.put("b", record, PutCondition.none(), List.of());
        assertEquals(Fixtures.NODES, objects.referencedLayout(set).orElseThrow().nodes());
        objects.repointShard(new HealTask("b", "k", null, 1, set, 0, "n1", HealReason.NODE_LOST, 1L), "n9", List.of());
        assertEquals("n9", objects.referencedLayout(set).orElseThrow().nodes().get(0));
        objects.put("b", Fixtures.object("k", "e2"), PutCondition.none(), List.of());
        assertTrue(objects.referencedLayout(set).isEmpty(), "overwritten: nobody references the old set");
    }

    @Test
    void repointShardLeavesAShardThatMovedMeanwhile() {
        ObjectRecord record = Fixtures.object("k", "e1");
        String set = record.layout().parts().get(0).shardSetId();
        objects.put("b", record, PutCondition.none(), List.of());
        HealTask moved = new HealTask("b", "k", null, 1, set, 2, "n3", HealReason.NODE_LOST, 1L);
        assertTrue(objects.repointShard(moved, "n7", List.of()));
        assertFalse(objects.repointShard(moved, "n8", List.of()), "index 2 is on n7 now, not on n3");
        assertEquals("n7", objects.get("b", "k").layout().parts().get(0).nodes().get(2));
        assertEquals("n7", objects.referencedLayout(moved.shardSetId()).orElseThrow().nodes().get(2));
        objects.delete("b", "k");
        assertTrue(objects.referencedLayout(moved.shardSetId()).isEmpty());
    }

    @Test
    void scanVisitsEveryObjectOfEveryBucketAcrossPages() {
        store.buckets().create("c", "bob", "us-east-1");
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            String bucket = i % 2 == 0 ? "b" : "c";
            objects.put(bucket, Fixtures.object("key" + i, "e"), PutCondition.none(), List.of());
            expected.add(bucket + "/key" + i);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            ScanPage<ObjectEntry> page = objects.scan(cursor, 7);
            assertTrue(page.items().size() <= 7);
            page.items().forEach(e -> seen.add(e.bucket() + "/" + e.object().key()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(expected.size(), seen.size());
        assertEquals(expected, new HashSet<>(seen));
    }

    @Test
    void countIsExactAfterPutsOverwritesAndDeletesInSeveralBuckets() {
        store.buckets().create("c", "bob", "us-east-1");
        assertEquals(0, objects.count());
        for (int i = 0; i < 5; i++) {
            objects.put(i % 2 == 0 ? "b" : "c", Fixtures.object("key" + i, "e"), PutCondition.none(), List.of());
        }
        objects.put("b", Fixtures.object("key0", "e2"), PutCondition.none(), List.of());
        objects.delete("c", "key1");
        assertEquals(4, objects.count());
    }

    @Test
    void conditionalDeleteRemovesOnlyTheMatchingVersion() {
        objects.put("b", Fixtures.object("k", "\"e1\""), PutCondition.none(), List.of());
        MetadataException stale = assertThrows(MetadataException.class,
                () -> objects.delete("b", "k", null, PutCondition.ifMatch("\"e0\""), null, false));
        assertEquals(Reason.PRECONDITION_FAILED, stale.reason());
        assertTrue(objects.find("b", "k").isPresent());
        objects.delete("b", "k", null, PutCondition.ifMatch("e1"), null, false);
        assertTrue(objects.find("b", "k").isEmpty());
        MetadataException gone = assertThrows(MetadataException.class,
                () -> objects.delete("b", "k", null, PutCondition.ifMatch("e1"), null, false));
        assertEquals(Reason.NO_SUCH_KEY, gone.reason());
        assertEquals(DeleteOutcome.UNVERSIONED, objects.delete("b", "k"));
    }

    @Test
    void storageClassRoundTripsAndStandardIsStoredAsNull() {
        objects.put("b", Fixtures.object("cold", "e").withStorageClass("GLACIER"), PutCondition.none(), List.of());
        objects.put("b", Fixtures.object("std", "e").withStorageClass("STANDARD"), PutCondition.none(), List.of());
        assertEquals("GLACIER", objects.get("b", "cold").storageClass());
        assertNull(objects.get("b", "std").storageClass());
        assertEquals("GLACIER", objects.update("b", "cold", current -> current.withTags(Map.of("t", "1")))
                .storageClass());
    }
}
