package io.granary.metadata.store;

import io.granary.metadata.Batch;
import io.granary.metadata.Cursor;
import io.granary.metadata.Database;
import io.granary.metadata.Keys;
import io.granary.metadata.Schema;
import io.granary.metadata.Table;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.DeleteMarker;
import io.granary.metadata.model.GarbageReason;
import io.granary.metadata.model.ObjectLock;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.VersionRecord;
import io.granary.metadata.store.MetadataException.Reason;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The versions of one key, for callers holding its lock: where each version lives and how writes and deletes
 * move them, appended to the caller's batch. Invariant: when the objects family has the key, that record is the
 * newest version; otherwise the newest entry in versions, if any, is a delete marker. A current {@code null}
 * version keeps no stamp; when it becomes noncurrent it gets one just above the key's newest older version.
 */
final class VersionChain {

    /** One entry of the versions family. */
    record Entry(byte[] rawKey, long stamp, VersionRecord version) {
    }

    private final Table<ObjectRecord> objects;
    private final Table<VersionRecord> versions;
    private final Mutations mutations;

    VersionChain(Database database, Mutations mutations) {
        this.objects = database.table(Schema.OBJECTS);
        this.versions = database.table(Schema.VERSIONS);
        this.mutations = mutations;
    }

    /**
     * Commits {@code record} as the key's current version under the bucket's versioning state and returns it with
     * its version id. Never versioned: it replaces {@code current}. Enabled: {@code current} becomes noncurrent.
     * Suspended: it is version {@code null} and replaces only the previous {@code null} version.
     */
    ObjectRecord commit(Batch batch, BucketRecord bucket, ObjectRecord record, ObjectRecord current, long now) {
        record = locked(bucket, record, now);
        if (!bucket.versioned()) {
            ObjectRecord committed = record.withVersionId(ObjectRecord.NULL_VERSION);
            mutations.writeObject(batch, bucket.id(), committed, current, now);
            return committed;
        }
        byte[] keyBytes = Keys.objectKeyBytes(record.key());
        long stamp = VersionIds.next(makeRoom(batch, bucket, keyBytes, current, now));
        ObjectRecord committed = record.withVersionId(suspended(bucket) ? ObjectRecord.NULL_VERSION
                : VersionIds.format(stamp));
        mutations.writeObject(batch, bucket.id(), committed, null, now);
        return committed;
    }

    /** {@code record} with the bucket's default retention when it names none; a lock needs object lock on. */
    private static ObjectRecord locked(BucketRecord bucket, ObjectRecord record, long now) {
        if (!bucket.objectLockEnabled()) {
            if (record.lock() != null) {
                throw new MetadataException(Reason.INVALID_ARGUMENT, "bucket " + bucket.name()
                        + " has no object lock configuration");
            }
            return record;
        }
        return record.withLock(bucket.objectLock().applyDefault(record.lock(), now));
    }

    /** DeleteObject without a version id in a versioned bucket: a delete marker becomes the latest version. */
    DeleteOutcome markDeleted(Batch batch, BucketRecord bucket, String key, ObjectRecord current,
                              String ownerCanonicalId, long now) {
        byte[] keyBytes = Keys.objectKeyBytes(key);
        long stamp = VersionIds.next(makeRoom(batch, bucket, keyBytes, current, now));
        if (current != null) objects.delete(batch, Schema.objectKey(bucket.id(), keyBytes));
        String versionId = suspended(bucket) ? ObjectRecord.NULL_VERSION : VersionIds.format(stamp);
        versions.put(batch, Schema.versionKey(bucket.id(), keyBytes, stamp),
                VersionRecord.of(new DeleteMarker(key, versionId, now, ownerCanonicalId)));
        return new DeleteOutcome(versionId, true);
    }

    /**
     * Deletes version {@code versionId} for good (its shards to garbage); when it was the latest and the next one
     * is an object, that one becomes current. A version that does not exist is no error, as in S3.
     */
    DeleteOutcome deleteVersion(Batch batch, BucketRecord bucket, String key, String versionId, ObjectRecord current,
                                PutCondition condition, boolean bypassGovernance, long now) {
        byte[] keyBytes = Keys.objectKeyBytes(key);
        if (current != null && current.versionId().equals(versionId)) {
            condition.check(key, current);
            checkDeletable(current, bypassGovernance, now);
            objects.delete(batch, Schema.objectKey(bucket.id(), keyBytes));
            mutations.retireAll(batch, current, Set.of(), GarbageReason.DELETED, now);
            promote(batch, bucket.id(), keyBytes, null);
            return new DeleteOutcome(versionId, false);
        }
        Entry entry = find(bucket.id(), keyBytes, versionId);
        condition.check(key, entry == null ? null : entry.version().object());
        if (entry == null) return new DeleteOutcome(versionId, false);
        if (entry.version().object() != null) checkDeletable(entry.version().object(), bypassGovernance, now);
        versions.delete(batch, entry.rawKey());
        if (entry.version().object() != null) {
            mutations.retireAll(batch, entry.version().object(), Set.of(), GarbageReason.DELETED, now);
        }
        if (current == null) promote(batch, bucket.id(), keyBytes, entry.rawKey());
        return new DeleteOutcome(versionId, entry.version().deleteMarker());
    }

    private static void checkDeletable(ObjectRecord version, boolean bypassGovernance, long now) {
        if (!ObjectLock.of(version.lock()).allowsDeletion(now, bypassGovernance)) {
            throw new MetadataException(Reason.OBJECT_LOCKED, "version " + version.versionId() + " of "
                    + version.key() + " is protected by object lock");
        }
    }

    /**
     * Version {@code versionId} of the key, or with a null id the latest (which may be a delete marker);
     * NO_SUCH_KEY or NO_SUCH_VERSION when there is none.
     */
    VersionRecord find(BucketRecord bucket, String key, String versionId, ObjectRecord current) {
        byte[] keyBytes = Keys.objectKeyBytes(key);
        if (current != null && (versionId == null || versionId.equals(current.versionId()))) {
            return VersionRecord.of(current);
        }
        if (versionId == null) {
            Entry newest = bucket.versioned() ? first(bucket.id(), keyBytes, entry -> true) : null;
            if (newest == null) throw new MetadataException(Reason.NO_SUCH_KEY, "no such key: " + key);
            return newest.version();
        }
        Entry entry = find(bucket.id(), keyBytes, versionId);
        if (entry == null) {
            throw new MetadataException(Reason.NO_SUCH_VERSION, "no version " + versionId + " of " + key);
        }
        return entry.version();
    }

    /** The noncurrent entry of {@code versionId}, or null: one point read, or a scan of the key for {@code null}. */
    Entry find(long bucketId, byte[] keyBytes, String versionId) {
        if (ObjectRecord.NULL_VERSION.equals(versionId)) {
            return first(bucketId, keyBytes, entry -> entry.version().versionId().equals(versionId));
        }
        long stamp = VersionIds.stamp(versionId);
        if (stamp < 0) return null;
        byte[] raw = Schema.versionKey(bucketId, keyBytes, stamp);
        VersionRecord version = versions.get(raw);
        return version != null && version.versionId().equals(versionId) ? new Entry(raw, stamp, version) : null;
    }

    /** Replaces a noncurrent object version by {@code changed} (tagging or ACL of an older version). */
    void rewrite(Batch batch, Entry entry, ObjectRecord changed) {
        versions.put(batch, entry.rawKey(), VersionRecord.of(changed));
    }

    /** The newest noncurrent object version of the key that references shard set {@code shardSetId}, or null. */
    Entry holding(long bucketId, byte[] keyBytes, String shardSetId) {
        return first(bucketId, keyBytes, entry -> entry.version().object() != null && entry.version().object()
                .layout().parts().stream().anyMatch(part -> part.shardSetId().equals(shardSetId)));
    }

    /**
     * Makes way for a new latest version: {@code current} moves to the versions family, or, when versioning is
     * suspended and it is the {@code null} version, is replaced (shards to garbage); so is a noncurrent
     * {@code null} version. Returns the stamp the new version must exceed.
     */
    private long makeRoom(Batch batch, BucketRecord bucket, byte[] keyBytes, ObjectRecord current, long now) {
        Entry newest = first(bucket.id(), keyBytes, entry -> true);
        long floor = newest == null ? 0 : newest.stamp();
        boolean suspended = suspended(bucket);
        boolean currentIsNull = current != null && current.versionId().equals(ObjectRecord.NULL_VERSION);
        if (current != null && suspended && currentIsNull) {
            mutations.retireAll(batch, current, Set.of(), GarbageReason.OVERWRITTEN, now);
        } else if (current != null) {
            long stamp = currentIsNull ? Math.max(current.lastModifiedMillis() << 16, floor + 1)
                    : VersionIds.stamp(current.versionId());
            versions.put(batch, Schema.versionKey(bucket.id(), keyBytes, stamp), VersionRecord.of(current));
            floor = Math.max(floor, stamp);
        }
        if (suspended && !currentIsNull) {
            Entry replaced = find(bucket.id(), keyBytes, ObjectRecord.NULL_VERSION);
            if (replaced != null) {
                versions.delete(batch, replaced.rawKey());
                ObjectRecord object = replaced.version().object();
                if (object != null) mutations.retireAll(batch, object, Set.of(), GarbageReason.OVERWRITTEN, now);
            }
        }
        return floor;
    }

    /** After the latest version went away: the next one, if an object, becomes current; {@code gone} is skipped. */
    private void promote(Batch batch, long bucketId, byte[] keyBytes, byte[] gone) {
        Entry next = first(bucketId, keyBytes, entry -> gone == null || !Arrays.equals(entry.rawKey(), gone));
        if (next == null || next.version().object() == null) return;
        versions.delete(batch, next.rawKey());
        objects.put(batch, Schema.objectKey(bucketId, keyBytes), next.version().object());
    }

    /** The key's newest versions entry matching {@code test}, or null. */
    private Entry first(long bucketId, byte[] keyBytes, Predicate<Entry> test) {
        byte[] prefix = Schema.versionPrefix(bucketId, keyBytes);
        try (Cursor<VersionRecord> cursor = versions.scan(prefix, Keys.pastPrefix(prefix))) {
            for (; cursor.valid(); cursor.next()) {
                Entry entry = new Entry(cursor.key(), Schema.versionStamp(cursor.key()), cursor.value());
                if (test.test(entry)) return entry;
            }
            return null;
        }
    }

    private static boolean suspended(BucketRecord bucket) {
        return BucketRecord.VERSIONING_SUSPENDED.equals(bucket.versioning());
    }
}
