package io.granary.metadata.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.metadata.Fixtures;
import io.granary.metadata.MetadataStore;
import io.granary.metadata.model.ObjectLock;
import io.granary.metadata.model.ObjectLockConfiguration;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.store.MetadataException.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Object lock as the store enforces it, whatever handler calls it: deletes, retention changes, defaults. */
class ObjectLockStoreTest {
    private static final long DAY = Duration.ofDays(1).toMillis();

    @TempDir
    Path dir;
    private MetadataStore store;
    private ObjectStore objects;

    @BeforeEach
    void open() {
        store = Fixtures.open(dir);
        objects = store.objects();
        store.buckets().create("locked", "alice", "us-east-1", null, null, true);
        store.buckets().create("plain", "alice", "us-east-1");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ObjectRecord put(String key, ObjectLock lock) {
        return objects.put("locked", Fixtures.object(key, "e").withLock(lock), PutCondition.none(), List.of());
    }

    private MetadataException deleteRefused(String key, String versionId, boolean bypass) {
        MetadataException e = assertThrows(MetadataException.class, () -> objects.delete("locked", key, versionId,
                PutCondition.none(), null, bypass));
        assertEquals(Reason.OBJECT_LOCKED, e.reason());
        return e;
    }

    @Test
    void aBucketCreatedWithObjectLockIsVersionedAndRefusesLocksElsewhere() {
        assertTrue(store.buckets().get("locked").versioned());
        assertTrue(store.buckets().get("locked").objectLockEnabled());
        MetadataException e = assertThrows(MetadataException.class, () -> objects.put("plain",
                Fixtures.object("k", "e").withLock(new ObjectLock(ObjectLock.GOVERNANCE, System.currentTimeMillis()
                        + DAY, false)), PutCondition.none(), List.of()));
        assertEquals(Reason.INVALID_ARGUMENT, e.reason());
    }

    @Test
    void governanceYieldsOnlyToABypass() {
        String version = put("g", new ObjectLock(ObjectLock.GOVERNANCE, System.currentTimeMillis() + DAY, false))
                .versionId();
        deleteRefused("g", version, false);
        assertThrows(MetadataException.class, () -> objects.changeLock("locked", "g", version,
                old -> old.withRetention(ObjectLock.GOVERNANCE, old.retainUntilMillis() - 1000), false));
        objects.changeLock("locked", "g", version, old -> old.withRetention(ObjectLock.GOVERNANCE,
                old.retainUntilMillis() - 1000), true);
        objects.delete("locked", "g", version, PutCondition.none(), null, true);
        assertThrows(MetadataException.class, () -> objects.getVersion("locked", "g", version));
    }

    @Test
    void complianceOnlyGetsStricter() {
        long until = System.currentTimeMillis() + DAY;
        String version = put("c", new ObjectLock(ObjectLock.COMPLIANCE, until, false)).versionId();
        deleteRefused("c", version, true);
        assertThrows(MetadataException.class, () -> objects.changeLock("locked", "c", version,
                old -> old.withRetention(ObjectLock.GOVERNANCE, until), true));
        assertThrows(MetadataException.class, () -> objects.changeLock("locked", "c", version,
                old -> old.withRetention(null, 0), true));
        ObjectRecord extended = objects.changeLock("locked", "c", version,
                old -> old.withRetention(ObjectLock.COMPLIANCE, until + DAY), false);
        assertEquals(until + DAY, extended.lock().retainUntilMillis());
        // Deleting without a version id only adds a marker: the locked version stays readable.
        assertTrue(objects.delete("locked", "c").deleteMarker());
        assertEquals(version, objects.getVersion("locked", "c", version).versionId());
    }

    @Test
    void aLegalHoldBlocksDeletionUntilLiftedAndALapsedRetentionProtectsNothing() {
        String version = put("h", new ObjectLock(null, 0, true)).versionId();
        deleteRefused("h", version, true);
        objects.changeLock("locked", "h", version, old -> old.withLegalHold(false), false);
        objects.delete("locked", "h", version, PutCondition.none(), null, false);

        String lapsed = put("l", new ObjectLock(ObjectLock.COMPLIANCE, System.currentTimeMillis() - 1, false))
                .versionId();
        objects.delete("locked", "l", lapsed, PutCondition.none(), null, false);
        assertFalse(objects.find("locked", "l").isPresent());
    }

    @Test
    void theDefaultRetentionAppliesToWritesThatNameNone() {
        store.buckets().update("locked", bucket -> bucket.withObjectLock(
                new ObjectLockConfiguration(ObjectLock.GOVERNANCE, null, 1)));
        long before = System.currentTimeMillis();
        ObjectRecord defaulted = put("d", null);
        assertEquals(ObjectLock.GOVERNANCE, defaulted.lock().mode());
        assertTrue(defaulted.lock().retainUntilMillis() >= before + 365 * DAY);
        ObjectRecord held = put("e", new ObjectLock(null, 0, true));
        assertEquals(ObjectLock.GOVERNANCE, held.lock().mode(), "a legal hold alone still gets the default");
        assertTrue(held.lock().legalHold());
        ObjectRecord explicit = put("f", new ObjectLock(ObjectLock.COMPLIANCE, before + DAY, false));
        assertEquals(ObjectLock.COMPLIANCE, explicit.lock().mode());
        // The lock survives the store's other rewrites (tags here).
        ObjectRecord tagged = objects.update("locked", "f", record -> record.withTags(java.util.Map.of("a", "b")));
        assertEquals(explicit.lock(), tagged.lock());
    }
}
