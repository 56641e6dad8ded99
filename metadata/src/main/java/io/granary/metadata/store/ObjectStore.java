package io.granary.metadata.store;

import io.granary.metadata.Batch;
import io.granary.metadata.Database;
import io.granary.metadata.Keys;
import io.granary.metadata.Schema;
import io.granary.metadata.Table;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.GarbageReason;
import io.granary.metadata.model.GarbageTask;
import io.granary.metadata.model.HealTask;
import io.granary.metadata.model.ObjectLayout;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.PartLayout;
import io.granary.metadata.model.PartRecord;
import io.granary.metadata.model.ShardOwner;
import io.granary.metadata.store.MetadataException.Reason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Current object versions: point reads, conditional puts, deletes, in-place metadata updates,
 * heal re-pointing, ordered listing and full scans. Every change is one synced batch that also
 * carries its garbage and heal tasks; read-modify-write runs under the key's stripe lock.
 */
public final class ObjectStore {

    private final Database database;
    private final Guard guard;
    private final Mutations mutations;
    private final Table<ObjectRecord> objects;
    private final Table<PartRecord> parts;
    private final QueueStore<HealTask> heal;

    /** Built by {@code MetadataStore}. */
    public ObjectStore(Database database, Guard guard, QueueStore<HealTask> heal,
                       QueueStore<GarbageTask> garbage) {
        this.database = database;
        this.guard = guard;
        this.mutations = new Mutations(database, heal, garbage);
        this.objects = database.table(Schema.OBJECTS);
        this.parts = database.table(Schema.PARTS);
        this.heal = heal;
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
     * Commits {@code record} as the current version of its key if {@code condition} holds
     * (else PRECONDITION_FAILED). In the same batch: the replaced version's shard sets go to the
     * garbage queue and {@code failedShards} to the heal queue.
     *
     * @return the replaced version, if there was one
     */
    public Optional<ObjectRecord> put(String bucket, ObjectRecord record, PutCondition condition,
                                      List<HealTask> failedShards) {
        Objects.requireNonNull(record.layout(), "layout");
        byte[] keyBytes = Keys.objectKeyBytes(record.key());
        return guard.onKey(bucket, record.key(), b -> {
            ObjectRecord current = objects.get(Schema.objectKey(b.id(), keyBytes));
            condition.check(record.key(), current);
            try (Batch batch = new Batch()) {
                mutations.writeObject(batch, b.id(), record, current, System.currentTimeMillis());
                mutations.heal(batch, failedShards);
                database.commit(batch);
            }
            return Optional.ofNullable(current);
        });
    }

    /** Deletes the current version (its shard sets go to garbage); returns it, or empty if there was none. */
    public Optional<ObjectRecord> delete(String bucket, String key) {
        return delete(bucket, key, PutCondition.none());
    }

    /**
     * Deletes the current version if {@code condition} holds (DeleteObject with If-Match; an If-Match on a
     * missing key is NO_SUCH_KEY); returns it, or empty if there was none.
     */
    public Optional<ObjectRecord> delete(String bucket, String key, PutCondition condition) {
        byte[] keyBytes = Keys.objectKeyBytes(key);
        return guard.onKey(bucket, key, b -> {
            byte[] raw = Schema.objectKey(b.id(), keyBytes);
            ObjectRecord current = objects.get(raw);
            condition.check(key, current);
            if (current == null) return Optional.empty();
            try (Batch batch = new Batch()) {
                objects.delete(batch, raw);
                mutations.retireAll(batch, current, Set.of(), GarbageReason.DELETED, System.currentTimeMillis());
                database.commit(batch);
            }
            return Optional.of(current);
        });
    }

    /**
     * Rewrites the record of {@code key} in place (PutObjectTagging, copy onto itself). The
     * change may touch headers, user metadata, tags and the time, not the key, size, ETag or layout
     * (INVALID_ARGUMENT).
     */
    public ObjectRecord update(String bucket, String key, UnaryOperator<ObjectRecord> change) {
        byte[] keyBytes = Keys.objectKeyBytes(key);
        return guard.onKey(bucket, key, b -> {
            byte[] raw = Schema.objectKey(b.id(), keyBytes);
            ObjectRecord current = objects.get(raw);
            if (current == null) throw noSuchKey(bucket, key);
            ObjectRecord changed = change.apply(current);
            if (!changed.key().equals(current.key()) || changed.size() != current.size()
                    || !changed.etag().equals(current.etag()) || !changed.layout().equals(current.layout())) {
                throw new MetadataException(Reason.INVALID_ARGUMENT, "an in-place update may not change the key,"
                        + " size, ETag or layout of " + key);
            }
            try (Batch batch = new Batch()) {
                objects.put(batch, raw, changed);
                database.commit(batch);
            }
            return changed;
        });
    }

    /**
     * After heal rebuilt shard {@code shard.shardIndex()} of set {@code shard.shardSetId()} on
     * {@code newNode}: points the object's (or open upload's) part at it and acknowledges the heal tasks
     * {@code acknowledge}, in one batch. Only a part whose shard index is still on {@code shard.node()}
     * is changed; when the set is no longer referenced there (overwritten, deleted, completed) or
     * another change moved that shard meanwhile, only the acknowledgements are written.
     *
     * @return whether a record was re-pointed
     */
    public boolean repointShard(HealTask shard, String newNode, Collection<Long> acknowledge) {
        boolean repointed;
        try {
            repointed = guard.onKey(shard.bucket(), shard.key(), b -> {
                try (Batch batch = new Batch()) {
                    boolean changed = shard.uploadId() == null ? repointObject(batch, b, shard, newNode)
                            : repointPart(batch, b, shard, newNode);
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

    private boolean repointObject(Batch batch, BucketRecord bucket, HealTask task, String newNode) {
        byte[] raw = Schema.objectKey(bucket.id(), Keys.objectKeyBytes(task.key()));
        ObjectRecord current = objects.get(raw);
        if (current == null) return false;
        List<PartLayout> layoutParts = new ArrayList<>(current.layout().parts());
        for (int i = 0; i < layoutParts.size(); i++) {
            PartLayout part = layoutParts.get(i);
            if (part.shardSetId().equals(task.shardSetId())) {
                if (!Objects.equals(part.nodes().get(task.shardIndex()), task.node())) return false;
                layoutParts.set(i, part.withNode(task.shardIndex(), newNode));
                ObjectLayout layout = current.layout();
                objects.put(batch, raw, current.withLayout(new ObjectLayout(layout.k(), layout.m(),
                        layout.blockSize(), layoutParts)));
                return true;
            }
        }
        return false;
    }

    private boolean repointPart(Batch batch, BucketRecord bucket, HealTask task, String newNode) {
        byte[] raw = Schema.partKey(Schema.uploadKey(bucket.id(), Keys.objectKeyBytes(task.key()), task.uploadId()),
                task.partNumber());
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

    /** Scans every current object of every bucket, {@code limit} per page, from {@code cursor} (null first). */
    public ScanPage<ObjectEntry> scan(String cursor, int limit) {
        return FullScan.page(objects, guard.bucketNamesById(), cursor, limit,
                (bucket, raw, object) -> new ObjectEntry(bucket, object));
    }

    /** The exact number of current objects in every bucket; linear in that number (see {@link Table#count}). */
    public long count() {
        return objects.count();
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
        if (object == null) return Optional.empty();
        return object.layout().parts().stream().filter(p -> p.shardSetId().equals(shardSetId)).findFirst();
    }

    private static MetadataException noSuchKey(String bucket, String key) {
        return new MetadataException(Reason.NO_SUCH_KEY, "no such key: " + bucket + "/" + key);
    }
}
