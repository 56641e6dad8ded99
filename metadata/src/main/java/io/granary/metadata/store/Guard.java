package io.granary.metadata.store;

import io.granary.metadata.Cursor;
import io.granary.metadata.Database;
import io.granary.metadata.Keys;
import io.granary.metadata.Schema;
import io.granary.metadata.StripedLocks;
import io.granary.metadata.Table;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.store.MetadataException.Reason;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a read-modify-write under the right locks: key operations hold their bucket's lock
 * shared and the key's stripe, so a bucket cannot be deleted under a commit into it; bucket
 * create and delete hold the bucket's lock exclusively. Also caches bucket records: an entry
 * is only added under the bucket's shared lock and dropped under its exclusive lock right after
 * the change commits, so it is never staler than the database. One per {@code MetadataStore}.
 */
public final class Guard {

    private final StripedLocks locks;
    private final Table<BucketRecord> buckets;

    private final Map<String, BucketRecord> cache = new ConcurrentHashMap<>();

    /** Built by {@code MetadataStore}, shared by its stores. */
    public Guard(Database database) {
        this.locks = database.locks();
        this.buckets = database.table(Schema.BUCKETS);
    }

    BucketRecord requireBucket(String name) {
        BucketRecord bucket = findBucket(name);
        if (bucket == null) throw new MetadataException(Reason.NO_SUCH_BUCKET, "no such bucket: " + name);
        return bucket;
    }

    /** The bucket, or null when it does not exist. */
    BucketRecord findBucket(String name) {
        if (name == null || name.isEmpty()) return null;
        BucketRecord cached = cache.get(name);
        if (cached != null) return cached;
        Lock shared = locks.bucket(name).readLock();
        shared.lock();
        try {
            BucketRecord stored = buckets.get(Keys.utf8(name));
            if (stored != null) cache.put(name, stored);
            return stored;
        } finally {
            shared.unlock();
        }
    }

    /** Drops the cached record; called holding the bucket exclusively, after its change committed. */
    void changed(String name) {
        cache.remove(name);
    }

    /** Every bucket's name by id, for full scans that meet raw keys. */
    Map<Long, String> bucketNamesById() {
        Map<Long, String> names = new HashMap<>();
        try (Cursor<BucketRecord> cursor = buckets.scan(new byte[0], Keys.END)) {
            for (; cursor.valid(); cursor.next()) {
                BucketRecord bucket = cursor.value();
                names.put(bucket.id(), bucket.name());
            }
        }
        return names;
    }

    /** Runs {@code action} with the (existing) bucket, holding the bucket shared and the key exclusively. */
    <R> R onKey(String bucket, String key, Function<BucketRecord, R> action) {
        Lock shared = locks.bucket(bucket).readLock();
        shared.lock();
        try {
            BucketRecord record = requireBucket(bucket);
            Lock exclusive = locks.key(bucket, key);
            exclusive.lock();
            try {
                return action.apply(record);
            } finally {
                exclusive.unlock();
            }
        } finally {
            shared.unlock();
        }
    }

    /** Runs {@code action} holding the bucket exclusively. */
    <R> R onBucket(String bucket, Supplier<R> action) {
        Lock exclusive = locks.bucket(bucket).writeLock();
        exclusive.lock();
        try {
            return action.get();
        } finally {
            exclusive.unlock();
        }
    }
}
