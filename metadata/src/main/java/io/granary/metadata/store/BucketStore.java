package io.granary.metadata.store;

import io.granary.metadata.Batch;
import io.granary.metadata.Cursor;
import io.granary.metadata.Database;
import io.granary.metadata.Keys;
import io.granary.metadata.Schema;
import io.granary.metadata.Table;
import io.granary.metadata.model.Acl;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.ObjectLockConfiguration;
import io.granary.metadata.model.CorsRule;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.VersionRecord;
import io.granary.metadata.store.MetadataException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * Buckets: create-if-absent, lookup, list, delete (refused while objects remain; open uploads
 * are aborted in the same batch), the bucket policy and the CORS rules. Each bucket gets a new 8-byte id from a
 * counter in the system family, so a re-created bucket never sees the old one's keys.
 */
public final class BucketStore {

    private final Database database;
    private final Guard guard;
    private final MultipartStore multipart;
    private final Table<BucketRecord> buckets;
    private final Table<ObjectRecord> objects;
    private final Table<VersionRecord> versions;
    private final Table<Long> system;
    // Creation is rare; one lock keeps the id counter's read-increment-write simple.
    private final ReentrantLock idLock = new ReentrantLock();

    /** Built by {@code MetadataStore}. */
    public BucketStore(Database database, Guard guard, MultipartStore multipart) {
        this.database = database;
        this.guard = guard;
        this.multipart = multipart;
        this.buckets = database.table(Schema.BUCKETS);
        this.objects = database.table(Schema.OBJECTS);
        this.versions = database.table(Schema.VERSIONS);
        this.system = database.table(Schema.SYSTEM);
    }

    /** Creates the bucket if no bucket has that name; BUCKET_EXISTS otherwise (whoever owns it). */
    public BucketRecord create(String name, String ownerAccountId, String region) {
        return create(name, ownerAccountId, region, null, null, false);
    }

    /**
     * Creates the bucket with its ACL (null: the owner's FULL_CONTROL) and ownership rule (null: unset) if no
     * bucket has that name; BUCKET_EXISTS otherwise. With {@code objectLock} it is created versioned with object
     * lock enabled (no default retention), in the same commit.
     */
    public BucketRecord create(String name, String ownerAccountId, String region, Acl acl, String objectOwnership,
                               boolean objectLock) {
        if (name == null || name.isEmpty()) throw new MetadataException(Reason.INVALID_ARGUMENT, "empty bucket name");
        return guard.onBucket(name, () -> {
            idLock.lock();
            try {
                BucketRecord existing = buckets.get(Keys.utf8(name));
                if (existing != null) {
                    throw new MetadataException(Reason.BUCKET_EXISTS, "bucket " + name + " exists, owned by "
                            + existing.ownerAccountId());
                }
                byte[] counterKey = Keys.utf8(Schema.NEXT_BUCKET_ID_KEY);
                Long next = system.get(counterKey);
                long id = next == null ? 1 : next;
                BucketRecord bucket = new BucketRecord(name, id, ownerAccountId, System.currentTimeMillis(), region,
                        null, acl, objectOwnership, null, null, null);
                if (objectLock) {
                    bucket = bucket.withVersioning(BucketRecord.VERSIONING_ENABLED)
                            .withObjectLock(ObjectLockConfiguration.ENABLED);
                }
                try (Batch batch = new Batch()) {
                    buckets.put(batch, Keys.utf8(name), bucket);
                    system.put(batch, counterKey, id + 1);
                    database.commit(batch);
                }
                guard.changed(name);
                return bucket;
            } finally {
                idLock.unlock();
            }
        });
    }

    /** The bucket; NO_SUCH_BUCKET when it does not exist. */
    public BucketRecord get(String name) {
        return guard.requireBucket(name);
    }

    public Optional<BucketRecord> find(String name) {
        return Optional.ofNullable(guard.findBucket(name));
    }

    /** Every bucket, by name in UTF-8 byte order (callers filter by owner). */
    public List<BucketRecord> list() {
        List<BucketRecord> all = new ArrayList<>();
        try (Cursor<BucketRecord> cursor = buckets.scan(new byte[0], Keys.END)) {
            for (; cursor.valid(); cursor.next()) all.add(cursor.value());
        }
        return all;
    }

    /**
     * Deletes an empty bucket; BUCKET_NOT_EMPTY while it holds an object. Its open multipart
     * uploads are aborted in the same batch, their parts' shard sets going to garbage.
     */
    public void delete(String name) {
        guard.onBucket(name, () -> {
            BucketRecord bucket = guard.requireBucket(name);
            byte[] prefix = Schema.bucketPrefix(bucket.id());
            // Older versions and delete markers count, as in S3: a versioned bucket is empty when both are.
            for (Table<?> table : List.of(objects, versions)) {
                try (Cursor<?> cursor = table.scan(prefix, Keys.pastPrefix(prefix))) {
                    if (cursor.valid()) {
                        throw new MetadataException(Reason.BUCKET_NOT_EMPTY, "bucket " + name + " is not empty");
                    }
                }
            }
            try (Batch batch = new Batch()) {
                multipart.abortAll(batch, bucket);
                buckets.delete(batch, Keys.utf8(name));
                database.commit(batch);
            }
            guard.changed(name);
            return null;
        });
    }

    /** The bucket policy JSON, if one is set; NO_SUCH_BUCKET when the bucket does not exist. */
    public Optional<String> getPolicy(String name) {
        return Optional.ofNullable(guard.requireBucket(name).policy());
    }

    /** Sets (or with null, removes) the bucket policy JSON, which the caller has validated. */
    public void putPolicy(String name, String policyJson) {
        update(name, bucket -> bucket.withPolicy(policyJson));
    }

    /** Sets (or with null, removes) the bucket's tags, which the caller has validated. */
    public void putTags(String name, Map<String, String> tags) {
        update(name, bucket -> bucket.withTags(tags));
    }

    /** Sets (or with null, removes) the CORS rules, which the caller has validated. */
    public void putCors(String name, List<CorsRule> rules) {
        update(name, bucket -> bucket.withCors(rules));
    }

    /**
     * Replaces the bucket's record by {@code change} of it (its configurations: ACL, ownership, public access
     * block, CORS), under the bucket's lock; NO_SUCH_BUCKET when it does not exist. {@code change} may throw to
     * refuse.
     */
    public BucketRecord update(String name, UnaryOperator<BucketRecord> change) {
        return guard.onBucket(name, () -> {
            BucketRecord changed = change.apply(guard.requireBucket(name));
            try (Batch batch = new Batch()) {
                buckets.put(batch, Keys.utf8(name), changed);
                database.commit(batch);
            }
            guard.changed(name);
            return changed;
        });
    }

    public void deletePolicy(String name) {
        putPolicy(name, null);
    }
}
