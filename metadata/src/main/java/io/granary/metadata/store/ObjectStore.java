package io.granary.metadata.store;

import io.granary.metadata.Batch;
import io.granary.metadata.Database;
import io.granary.metadata.Keys;
import io.granary.metadata.Schema;
import io.granary.metadata.Table;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.EventOrigin;
import io.granary.metadata.model.GarbageReason;
import io.granary.metadata.model.GarbageTask;
import io.granary.metadata.model.HealTask;
import io.granary.metadata.model.Notice;
import io.granary.metadata.model.ObjectLayout;
import io.granary.metadata.model.ObjectLock;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.PartLayout;
import io.granary.metadata.model.PartRecord;
import io.granary.metadata.model.ShardOwner;
import io.granary.metadata.model.VersionRecord;
import io.granary.metadata.store.MetadataException.Reason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Objects and their versions: point reads, conditional puts, deletes, in-place metadata updates,
 * heal re-pointing, ordered listing and full scans. Every change is one synced batch that also
 * carries its garbage and heal tasks; read-modify-write runs under the key's stripe lock. The
 * current version is one point read; older versions and delete markers are {@link VersionChain}'s.
 */
public final class ObjectStore {

    private final Database database;
    private final Guard guard;
    private final Mutations mutations;
    private final Table<ObjectRecord> objects;
    private final Table<PartRecord> parts;
    /** Scan cursors of the second phase (older versions) start with this; base64url never contains '.'. */
    private static final String VERSIONS_PHASE = "v.";
    private final Table<VersionRecord> versions;
    private final QueueStore<HealTask> heal;
    private final VersionChain chain;

    /** Built by {@code MetadataStore}. */
    public ObjectStore(Database database, Guard guard, QueueStore<HealTask> heal,
                       QueueStore<GarbageTask> garbage, EventOutbox outbox) {
        this.database = database;
        this.guard = guard;
        this.mutations = new Mutations(database, heal, garbage, outbox);
        this.objects = database.table(Schema.OBJECTS);
        this.parts = database.table(Schema.PARTS);
        this.versions = database.table(Schema.VERSIONS);
        this.heal = heal;
        this.chain = new VersionChain(database, mutations);
    }

    /** The current version of {@code key}, if any; NO_SUCH_BUCKET if the bucket does not exist. */
    public Optional<ObjectRecord> find(String bucket, String key) {
        BucketRecord record = guard.requireBucket(bucket);
        return Optional.ofNullable(objects.get(Schema.objectKey(record.id(), Keys.objectKeyBytes(key))));
    }

    /** The current version of {@code key}; NO_SUCH_KEY or NO_SUCH_BUCKET when missing. */
    public ObjectRecord get(String bucket, String key) {
        return find(bucket, key).orElseThrow(() -> noSuchKey(bucket, key));
    }

    /**
     * Version {@code versionId} of {@code key} (null: the latest, which may be a delete marker);
     * NO_SUCH_KEY, NO_SUCH_VERSION or NO_SUCH_BUCKET when missing.
     */
    public VersionRecord version(String bucket, String key, String versionId) {
        BucketRecord record = guard.requireBucket(bucket);
        ObjectRecord current = objects.get(Schema.objectKey(record.id(), Keys.objectKeyBytes(key)));
        return chain.find(record, key, versionId, current);
    }

    /** Object version {@code versionId} (null: the current); a delete marker is DELETE_MARKER. */
    public ObjectRecord getVersion(String bucket, String key, String versionId) {
        if (versionId == null) return get(bucket, key);
        VersionRecord version = version(bucket, key, versionId);
        if (version.deleteMarker()) throw deleteMarker(key, versionId);
        return version.object();
    }

    /**
     * Commits {@code record} as the current version of its key if {@code condition} holds
     * (else PRECONDITION_FAILED), with the version id the bucket's versioning state gives it. In
     * the same batch: a replaced version's shard sets go to the garbage queue (a versioned bucket
     * keeps the previous version instead) and {@code failedShards} to the heal queue.
     *
     * @return the committed record, with its version id
     */
    public ObjectRecord put(String bucket, ObjectRecord record, PutCondition condition, List<HealTask> failedShards) {
        return put(bucket, record, condition, failedShards, null);
    }

    /** {@link #put(String, ObjectRecord, PutCondition, List)} that also commits the events of {@code notice}. */
    public ObjectRecord put(String bucket, ObjectRecord record, PutCondition condition, List<HealTask> failedShards,
                            Notice notice) {
        Objects.requireNonNull(record.layout(), "layout");
        byte[] keyBytes = Keys.objectKeyBytes(record.key());
        return guard.onKey(bucket, record.key(), b -> {
            ObjectRecord current = objects.get(Schema.objectKey(b.id(), keyBytes));
            condition.check(record.key(), current);
            try (Batch batch = new Batch()) {
                long now = System.currentTimeMillis();
                ObjectRecord committed = chain.commit(batch, b, record, current, now);
                mutations.heal(batch, failedShards);
                mutations.events().written(batch, b, committed, notice, now);
                database.commit(batch);
                return committed;
            }
        });
    }

    /** Deletes {@code key} as DeleteObject without a version id and without conditions does. */
    public DeleteOutcome delete(String bucket, String key) {
        return delete(bucket, key, null, PutCondition.none(), null, false, null);
    }

    /**
     * DeleteObject, if {@code condition} holds (If-Match; on a missing key NO_SUCH_KEY). With a {@code versionId}
     * that version is removed for good. Without one, a bucket never versioned loses the object (its shard sets go
     * to garbage) and a versioned bucket gets a delete marker owned by {@code ownerCanonicalId}. A version under a
     * legal hold or a retention in force is not removed (OBJECT_LOCKED); {@code bypassGovernance} lifts a
     * GOVERNANCE retention (the caller checked the permission).
     */
    public DeleteOutcome delete(String bucket, String key, String versionId, PutCondition condition,
                                String ownerCanonicalId, boolean bypassGovernance) {
        return delete(bucket, key, versionId, condition, ownerCanonicalId, bypassGovernance, null);
    }

    /**
     * {@link #delete(String, String, String, PutCondition, String, boolean)} that also commits the events of what
     * it removed or the marker it wrote, made by {@code origin} (null: none). Deleting nothing sends nothing.
     */
    public DeleteOutcome delete(String bucket, String key, String versionId, PutCondition condition,
                                String ownerCanonicalId, boolean bypassGovernance, EventOrigin origin) {
        byte[] keyBytes = Keys.objectKeyBytes(key);
        return guard.onKey(bucket, key, b -> {
            byte[] raw = Schema.objectKey(b.id(), keyBytes);
            ObjectRecord current = objects.get(raw);
            long now = System.currentTimeMillis();
            try (Batch batch = new Batch()) {
                DeleteOutcome outcome;
                if (versionId != null) {
                    outcome = chain.deleteVersion(batch, b, key, versionId, current, condition, bypassGovernance, now);
                } else if (b.versioned()) {
                    condition.check(key, current);
                    outcome = chain.markDeleted(batch, b, key, current, ownerCanonicalId, now);
                } else {
                    condition.check(key, current);
                    if (current == null) return DeleteOutcome.UNVERSIONED;
                    objects.delete(batch, raw);
                    mutations.retireAll(batch, current, Set.of(), GarbageReason.DELETED, now);
                    outcome = DeleteOutcome.UNVERSIONED;
                }
                if (batch.size() > 0) {
                    mutations.events().removed(batch, b, key, outcome, origin, versionId == null && b.versioned(),
                            now);
                }
                database.commit(batch);
                return outcome;
            }
        });
    }

    /**
     * Rewrites the record of {@code key} in place (PutObjectTagging, copy onto itself). The
     * change may touch headers, user metadata, tags and the time, not the key, size, ETag or layout
     * (INVALID_ARGUMENT).
     */
    public ObjectRecord update(String bucket, String key, UnaryOperator<ObjectRecord> change) {
        return update(bucket, key, null, change);
    }

    /** {@link #update(String, String, UnaryOperator)} of version {@code versionId} (null: the current one). */
    public ObjectRecord update(String bucket, String key, String versionId, UnaryOperator<ObjectRecord> change) {
        return rewrite(bucket, key, versionId, change, false, null);
    }

    /** {@link #update(String, String, String, UnaryOperator)} that also commits {@code notice}'s events. */
    public ObjectRecord update(String bucket, String key, String versionId, UnaryOperator<ObjectRecord> change,
                               Notice notice) {
        return rewrite(bucket, key, versionId, change, false, notice);
    }

    /**
     * Re-wraps the data keys of version {@code versionId} (null: the current one) as {@code change} makes them
     * (master-key rotation): the change may alter nothing but the parts' wrapped keys (INVALID_ARGUMENT).
     */
    public ObjectRecord rewrapKeys(String bucket, String key, String versionId, UnaryOperator<ObjectRecord> change) {
        return rewrite(bucket, key, versionId, change, true, null);
    }

    private ObjectRecord rewrite(String bucket, String key, String versionId, UnaryOperator<ObjectRecord> change,
            boolean keysOnly, Notice notice) {
        byte[] keyBytes = Keys.objectKeyBytes(key);
        return guard.onKey(bucket, key, b -> {
            byte[] raw = Schema.objectKey(b.id(), keyBytes);
            ObjectRecord current = objects.get(raw);
            boolean isCurrent = versionId == null || current != null && versionId.equals(current.versionId());
            if (isCurrent && current == null) throw noSuchKey(bucket, key);
            VersionChain.Entry older = isCurrent ? null : chain.find(b.id(), keyBytes, versionId);
            if (!isCurrent && older == null) {
                throw new MetadataException(Reason.NO_SUCH_VERSION, "no version " + versionId + " of " + key);
            }
            if (older != null && older.version().deleteMarker()) throw deleteMarker(key, versionId);
            ObjectRecord target = isCurrent ? current : older.version().object();
            ObjectRecord changed = change.apply(target);
            boolean allowed = keysOnly ? onlyKeysRewrapped(target, changed) : changed.key().equals(target.key())
                    && changed.size() == target.size() && changed.etag().equals(target.etag())
                    && changed.layout().equals(target.layout()) && changed.versionId().equals(target.versionId());
            if (!allowed) {
                throw new MetadataException(Reason.INVALID_ARGUMENT, "an in-place update may not change the key,"
                        + " version, size, ETag or layout of " + key + (keysOnly ? " (only wrapped keys)" : ""));
            }
            try (Batch batch = new Batch()) {
                if (isCurrent) {
                    objects.put(batch, raw, changed);
                } else {
                    chain.rewrite(batch, older, changed);
                }
                mutations.events().written(batch, b, changed, notice, System.currentTimeMillis());
                database.commit(batch);
            }
            return changed;
        });
    }

    private static boolean onlyKeysRewrapped(ObjectRecord target, ObjectRecord changed) {
        return target.layout().sameExceptWrappedKeys(changed.layout())
                && changed.withLayout(target.layout()).equals(target);
    }

    /**
     * Changes the retention or legal hold of version {@code versionId} (null: the current one) to what
     * {@code change} makes of it. A retention in force may only get stricter, unless it is GOVERNANCE and
     * {@code bypassGovernance} (OBJECT_LOCKED otherwise); a legal hold may always be set or lifted.
     */
    public ObjectRecord changeLock(String bucket, String key, String versionId, UnaryOperator<ObjectLock> change,
                                   boolean bypassGovernance) {
        return update(bucket, key, versionId, target -> {
            ObjectLock old = ObjectLock.of(target.lock());
            ObjectLock wanted = change.apply(old);
            boolean retentionChanges = !Objects.equals(old.mode(), wanted.mode())
                    || old.retainUntilMillis() != wanted.retainUntilMillis();
            if (retentionChanges && !old.allowsRetention(wanted.mode(), wanted.retainUntilMillis(),
                    System.currentTimeMillis(), bypassGovernance)) {
                throw new MetadataException(Reason.OBJECT_LOCKED, "the retention of " + key
                        + " may not be shortened or removed");
            }
            return target.withLock(wanted);
        });
    }

    /**
     * After heal rebuilt shard {@code shard.shardIndex()} of set {@code shard.shardSetId()} on
     * {@code newNode}: points the object's (or open upload's) part at it and acknowledges the heal tasks
     * {@code acknowledge}, in one batch. The set is looked up where it lives now, not where the task found
     * it: an upload's part queued for healing may since have been completed into the object (treating that as
     * gone left the object one shard short with no task to mend it). Only a part whose shard index is still
     * on {@code shard.node()} is changed; when nobody references the set any more (overwritten, deleted,
     * aborted) or another change moved that shard meanwhile, only the acknowledgements are written.
     *
     * @return whether a record was re-pointed
     */
    public boolean repointShard(HealTask shard, String newNode, Collection<Long> acknowledge) {
        boolean repointed;
        try {
            repointed = guard.onKey(shard.bucket(), shard.key(), b -> {
                try (Batch batch = new Batch()) {
                    // Under the task's key lock, which is also the owner's: an upload completes into its own key.
                    ShardOwner owner = mutations.owner(shard.shardSetId());
                    boolean here = owner != null && owner.bucketId() == b.id() && owner.key().equals(shard.key());
                    boolean changed = here && (owner.uploadId() == null ? repointObject(batch, b, shard, newNode)
                            : repointPart(batch, b, owner, shard, newNode));
                    for (long id : acknowledge) heal.acknowledge(batch, id);
                    database.commit(batch);
                    return changed;
                }
            });
        } catch (MetadataException e) {
            if (e.reason() != Reason.NO_SUCH_BUCKET) throw e;
            heal.acknowledge(acknowledge);
            return false;
        }
        acknowledge.forEach(heal::released);
        return repointed;
    }

    /** Re-points the shard in whichever version of the key holds the set: the current one or an older one. */
    private boolean repointObject(Batch batch, BucketRecord bucket, HealTask task, String newNode) {
        byte[] keyBytes = Keys.objectKeyBytes(task.key());
        byte[] raw = Schema.objectKey(bucket.id(), keyBytes);
        ObjectRecord current = objects.get(raw);
        ObjectRecord moved = current == null ? null : repointed(current, task, newNode);
        if (moved != null) {
            objects.put(batch, raw, moved);
            return true;
        }
        VersionChain.Entry older = chain.holding(bucket.id(), keyBytes, task.shardSetId());
        moved = older == null ? null : repointed(older.version().object(), task, newNode);
        if (moved != null) chain.rewrite(batch, older, moved);
        return moved != null;
    }

    /** {@code object} with the task's shard on {@code newNode}, or null if it does not hold it there. */
    private static ObjectRecord repointed(ObjectRecord object, HealTask task, String newNode) {
        List<PartLayout> layoutParts = new ArrayList<>(object.layout().parts());
        for (int i = 0; i < layoutParts.size(); i++) {
            PartLayout part = layoutParts.get(i);
            if (part.shardSetId().equals(task.shardSetId())) {
                if (!Objects.equals(part.nodes().get(task.shardIndex()), task.node())) return null;
                layoutParts.set(i, part.withNode(task.shardIndex(), newNode));
                ObjectLayout layout = object.layout();
                return object.withLayout(new ObjectLayout(layout.k(), layout.m(), layout.blockSize(), layoutParts));
            }
        }
        return null;
    }

    private boolean repointPart(Batch batch, BucketRecord bucket, ShardOwner owner, HealTask task, String newNode) {
        byte[] raw = Schema.partKey(Schema.uploadKey(bucket.id(), Keys.objectKeyBytes(owner.key()), owner.uploadId()),
                owner.partNumber());
        PartRecord part = parts.get(raw);
        if (part == null || !part.layout().shardSetId().equals(task.shardSetId())
                || !Objects.equals(part.layout().nodes().get(task.shardIndex()), task.node())) {
            return false;
        }
        parts.put(batch, raw, new PartRecord(part.layout().withNode(task.shardIndex(), newNode), part.k(), part.m(),
                part.blockSize(), part.checksums(), part.lastModifiedMillis()));
        return true;
    }

    /** One page of ListObjects (v1 or v2, see {@link ListQuery}). Reads a consistent RocksDB view. */
    public ListPage list(String bucket, ListQuery query) {
        BucketRecord record = guard.requireBucket(bucket);
        // S3 answers max-keys 0 with an empty page that is not truncated.
        if (query.maxKeys() == 0) return new ListPage(List.of(), List.of(), false, null, null);
        List<ObjectRecord> found = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String[] last = new String[1];
        boolean truncated = new GroupedScan<>(objects, record.id(), query.prefix(), query.delimiter(), query.marker(),
                null, raw -> raw.length)
                    .visit(query.maxKeys(), object -> {
                        found.add(object);
                        last[0] = object.key();
                    }, commonPrefix -> {
                        prefixes.add(commonPrefix);
                        last[0] = commonPrefix;
                    });
        return truncated ? new ListPage(found, prefixes, true, last[0], ContinuationToken.encode(last[0]))
                : new ListPage(found, prefixes, false, null, null);
    }

    /** One page of ListObjectVersions. */
    public VersionPage listVersions(String bucket, VersionQuery query) {
        BucketRecord record = guard.requireBucket(bucket);
        if (query.maxKeys() == 0) return new VersionPage(List.of(), List.of(), false, null, null);
        return new VersionListing(objects, versions, chain, record.id(), query).page();
    }

    /**
     * Scans every object version of every bucket (current ones, then older ones; delete markers have no shards
     * and are left out), {@code limit} per page, from {@code cursor} (null first). Cursors of the current phase
     * are the ones earlier releases handed out, so a saved checkpoint resumes.
     */
    public ScanPage<ObjectEntry> scan(String cursor, int limit) {
        if (cursor == null || !cursor.startsWith(VERSIONS_PHASE)) {
            ScanPage<ObjectEntry> page = FullScan.page(objects, guard.bucketNamesById(), cursor, limit,
                    (bucket, raw, object) -> new ObjectEntry(bucket, object));
            return page.nextCursor() != null ? page : new ScanPage<>(page.items(), VERSIONS_PHASE);
        }
        String resume = cursor.substring(VERSIONS_PHASE.length());
        ScanPage<ObjectEntry> page = FullScan.page(versions, guard.bucketNamesById(), resume.isEmpty() ? null
                : resume, limit, (bucket, raw, version) -> new ObjectEntry(bucket, version.object(), false));
        List<ObjectEntry> withData = page.items().stream().filter(entry -> entry.object() != null).toList();
        return new ScanPage<>(withData, page.nextCursor() == null ? null : VERSIONS_PHASE + page.nextCursor());
    }

    /** The exact number of current objects in every bucket; linear in that number (see {@link Table#count}). */
    public long count() {
        return objects.count();
    }

    /** The exact number of noncurrent versions and delete markers in every bucket; linear in that number. */
    public long countNoncurrent() {
        return versions.count();
    }

    /** Who references {@code shardSetId}: an object's part or an open upload's part; empty if nobody. */
    public Optional<ShardOwner> shardOwner(String shardSetId) {
        return Optional.ofNullable(mutations.owner(shardSetId));
    }

    /**
     * The current layout of shard set {@code shardSetId} (an object's part or an open upload's), or empty
     * when nobody references it: where each of its shards is supposed to live, for orphan collection.
     */
    public Optional<PartLayout> referencedLayout(String shardSetId) {
        ShardOwner owner = mutations.owner(shardSetId);
        if (owner == null) return Optional.empty();
        byte[] keyBytes = Keys.objectKeyBytes(owner.key());
        if (owner.uploadId() != null) {
            PartRecord part = parts.get(Schema.partKey(Schema.uploadKey(owner.bucketId(), keyBytes, owner.uploadId()),
                    owner.partNumber()));
            return Optional.ofNullable(part).map(PartRecord::layout)
                    .filter(layout -> layout.shardSetId().equals(shardSetId));
        }
        ObjectRecord object = objects.get(Schema.objectKey(owner.bucketId(), keyBytes));
        Optional<PartLayout> current = object == null ? Optional.empty()
                : object.layout().parts().stream().filter(p -> p.shardSetId().equals(shardSetId)).findFirst();
        if (current.isPresent()) return current;
        VersionChain.Entry older = chain.holding(owner.bucketId(), keyBytes, shardSetId);
        return older == null ? Optional.empty() : older.version().object().layout().parts().stream()
                .filter(p -> p.shardSetId().equals(shardSetId)).findFirst();
    }

    private static MetadataException deleteMarker(String key, String versionId) {
        return new MetadataException(Reason.DELETE_MARKER, "version " + versionId + " of " + key
                + " is a delete marker");
    }

    private static MetadataException noSuchKey(String bucket, String key) {
        return new MetadataException(Reason.NO_SUCH_KEY, "no such key: " + bucket + "/" + key);
    }
}
