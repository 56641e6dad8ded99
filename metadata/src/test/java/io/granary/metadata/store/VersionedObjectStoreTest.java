package io.granary.metadata.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.metadata.Fixtures;
import io.granary.metadata.MetadataStore;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.HealReason;
import io.granary.metadata.model.HealTask;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.VersionRecord;
import io.granary.metadata.store.MetadataException.Reason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionedObjectStoreTest {

    @TempDir
    Path dir;
    private MetadataStore store;
    private ObjectStore objects;

    @BeforeEach
    void open() {
        store = Fixtures.open(dir);
        objects = store.objects();
        store.buckets().create("b", "alice", "us-east-1");
        versioning(BucketRecord.VERSIONING_ENABLED);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void versioning(String state) {
        store.buckets().update("b", bucket -> bucket.withVersioning(state));
    }

    private ObjectRecord put(String key, String etag) {
        return objects.put("b", Fixtures.object(key, etag), PutCondition.none(), List.of());
    }

    private List<String> versionsOf(String prefix) {
        return objects.listVersions("b", new VersionQuery(prefix, null, null, null, 1000)).versions().stream()
                .map(e -> e.version().key() + "@" + (e.version().deleteMarker() ? "marker" : e.version().object()
                        .etag()) + (e.latest() ? "*" : "")).toList();
    }

    @Test
    void everyWriteKeepsTheVersionItReplacesUnderAnOpaqueUrlSafeId() {
        ObjectRecord first = put("k", "e1");
        ObjectRecord second = put("k", "e2");
        assertNotEquals(first.versionId(), second.versionId());
        assertTrue(first.versionId().matches("[A-Za-z0-9_-]{16}"), first.versionId());
        assertTrue(VersionIds.isWellFormed(second.versionId()));
        assertEquals("e2", objects.get("b", "k").etag());
        assertEquals("e1", objects.getVersion("b", "k", first.versionId()).etag());
        assertEquals(List.of("k@e2*", "k@e1"), versionsOf(""));
        assertEquals(0, store.garbageQueue().length(), "no version was lost");
    }

    @Test
    void aDeleteWritesAMarkerAndDeletingTheMarkerRestoresThePreviousVersion() {
        ObjectRecord first = put("k", "e1");
        DeleteOutcome deleted = objects.delete("b", "k");
        assertTrue(deleted.deleteMarker());
        assertTrue(objects.find("b", "k").isEmpty());
        assertThrows(MetadataException.class, () -> objects.get("b", "k"));
        VersionRecord latest = objects.version("b", "k", null);
        assertTrue(latest.deleteMarker());
        assertEquals(deleted.versionId(), latest.versionId());
        assertEquals(Reason.DELETE_MARKER, assertThrows(MetadataException.class,
                () -> objects.getVersion("b", "k", deleted.versionId())).reason());
        assertEquals(List.of("k@marker*", "k@e1"), versionsOf(""));

        DeleteOutcome removed = objects.delete("b", "k", deleted.versionId(), PutCondition.none(), null, false);
        assertTrue(removed.deleteMarker());
        assertEquals(first, objects.get("b", "k"));
        assertEquals(List.of("k@e1*"), versionsOf(""));
    }

    @Test
    void deletingTheCurrentVersionByIdPromotesTheNextAndSendsOnlyItsShardsToGarbage() {
        put("k", "e1");
        ObjectRecord second = put("k", "e2");
        objects.delete("b", "k", second.versionId(), PutCondition.none(), null, false);
        assertEquals("e1", objects.get("b", "k").etag());
        assertEquals(1, store.garbageQueue().length());
        assertEquals(second.layout().parts().get(0).shardSetId(),
                store.garbageQueue().peek(0, 1).get(0).task().shardSetId());
        DeleteOutcome missing = objects.delete("b", "k", second.versionId(), PutCondition.none(), null, false);
        assertFalse(missing.deleteMarker(), "deleting a version that is gone succeeds, as in S3");
    }

    @Test
    void anUnknownVersionIsNoSuchVersionAndAnUnknownKeyNoSuchKey() {
        ObjectRecord first = put("k", "e1");
        objects.delete("b", "k", first.versionId(), PutCondition.none(), null, false);
        assertEquals(Reason.NO_SUCH_VERSION, assertThrows(MetadataException.class,
                () -> objects.version("b", "k", first.versionId())).reason());
        assertEquals(Reason.NO_SUCH_KEY, assertThrows(MetadataException.class,
                () -> objects.version("b", "k", null)).reason());
        assertFalse(VersionIds.isWellFormed("not-an-id"));
        assertTrue(VersionIds.isWellFormed("null"));
    }

    @Test
    void suspendedWritesReplaceOnlyTheNullVersion() {
        ObjectRecord enabled = put("k", "e1");
        versioning(BucketRecord.VERSIONING_SUSPENDED);
        ObjectRecord nullOne = put("k", "n1");
        assertEquals(ObjectRecord.NULL_VERSION, nullOne.versionId());
        put("k", "n2");
        assertEquals(List.of("k@n2*", "k@e1"), versionsOf(""));
        assertEquals(1, store.garbageQueue().length(), "n1 was replaced");
        assertEquals("e1", objects.getVersion("b", "k", enabled.versionId()).etag());

        versioning(BucketRecord.VERSIONING_ENABLED);
        put("k", "e3");
        versioning(BucketRecord.VERSIONING_SUSPENDED);
        // The null version is now noncurrent; a suspended write still replaces it, wherever it sits.
        put("k", "n4");
        assertEquals(List.of("k@n4*", "k@e3", "k@e1"), versionsOf(""));
        DeleteOutcome marker = objects.delete("b", "k");
        assertEquals(ObjectRecord.NULL_VERSION, marker.versionId());
        assertEquals(List.of("k@marker*", "k@e3", "k@e1"), versionsOf(""));
        assertEquals(3, store.garbageQueue().length(), "n1, n2 and n4 were replaced");
    }

    @Test
    void updatesReachOlderVersionsAndRefuseDeleteMarkers() {
        ObjectRecord first = put("k", "e1");
        put("k", "e2");
        objects.update("b", "k", first.versionId(), r -> r.withTags(Map.of("old", "yes")));
        assertEquals(Map.of("old", "yes"), objects.getVersion("b", "k", first.versionId()).tags());
        assertEquals(Map.of(), objects.get("b", "k").tags());
        DeleteOutcome marker = objects.delete("b", "k");
        assertEquals(Reason.DELETE_MARKER, assertThrows(MetadataException.class,
                () -> objects.update("b", "k", marker.versionId(), r -> r)).reason());
    }

    @Test
    void listingPagesThroughEveryVersionWithMarkersAndPrefixes() {
        List<String> expected = new ArrayList<>();
        for (String key : List.of("a", "d/1", "d/2", "z")) {
            for (int v = 0; v < 3; v++) put(key, key + v);
        }
        objects.delete("b", "z");
        List<String> all = versionsOf("");
        assertEquals(13, all.size());
        assertEquals(List.of("a@a2*", "a@a1", "a@a0"), all.subList(0, 3));
        assertEquals("z@marker*", all.get(9));
        String keyMarker = null;
        String versionMarker = null;
        do {
            VersionPage page = objects.listVersions("b", new VersionQuery("", null, keyMarker, versionMarker, 2));
            page.versions().forEach(e -> expected.add(e.version().key() + "@" + (e.version().deleteMarker() ? "marker"
                    : e.version().object().etag()) + (e.latest() ? "*" : "")));
            assertTrue(page.versions().size() <= 2);
            keyMarker = page.truncated() ? page.nextKeyMarker() : null;
            versionMarker = page.truncated() ? page.nextVersionIdMarker() : null;
        } while (keyMarker != null);
        assertEquals(all, expected);

        VersionPage grouped = objects.listVersions("b", new VersionQuery("", "/", null, null, 1000));
        assertEquals(List.of("d/"), grouped.commonPrefixes());
        assertEquals(7, grouped.versions().size());
        VersionPage afterGroup = objects.listVersions("b", new VersionQuery("", "/", "d/", null, 1000));
        assertEquals(4, afterGroup.versions().size(), "z's marker and versions only");
        assertEquals(List.of("d/1@d/12*", "d/1@d/11", "d/1@d/10"), versionsOf("d/1"));
    }

    @Test
    void scansHealAndOrphanLookupsSeeOlderVersions() {
        ObjectRecord first = put("k", "e1");
        put("k", "e2");
        objects.delete("b", "k");
        Set<String> scanned = new HashSet<>();
        String cursor = null;
        do {
            ScanPage<ObjectEntry> page = objects.scan(cursor, 1);
            page.items().forEach(e -> scanned.add(e.object().etag()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(Set.of("e1", "e2"), scanned);
        assertEquals(0, objects.count());
        assertEquals(3, objects.countNoncurrent());

        String set = first.layout().parts().get(0).shardSetId();
        assertTrue(objects.referencedLayout(set).isPresent());
        HealTask task = new HealTask("b", "k", null, 1, set, 2, "n3", HealReason.READ_FAILED, 1L);
        assertTrue(objects.repointShard(task, "n9", List.of()));
        assertEquals("n9", objects.getVersion("b", "k", first.versionId()).layout().parts().get(0).nodes().get(2));
    }

    @Test
    void aBucketWithOnlyOlderVersionsOrMarkersIsNotEmpty() {
        ObjectRecord only = put("k", "e1");
        objects.delete("b", "k");
        assertEquals(Reason.BUCKET_NOT_EMPTY, assertThrows(MetadataException.class,
                () -> store.buckets().delete("b")).reason());
        objects.delete("b", "k", only.versionId(), PutCondition.none(), null, false);
        DeleteOutcome marker = objects.delete("b", "k");
        objects.delete("b", "k", marker.versionId(), PutCondition.none(), null, false);
        List<String> left = versionsOf("");
        assertEquals(1, left.size(), "the first marker is left: " + left);
    }
}
