package io.granary.metadata;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Serialises read-modify-write inside the module without a global lock. An operation on an
 * object key or its uploads takes its bucket's lock shared, then the key's stripe; bucket
 * create/delete takes the bucket's lock exclusively. Always in that order, so no deadlock, and
 * commits on different keys proceed in parallel and share RocksDB's group fsync.
 */
public final class StripedLocks {

    private final ReentrantReadWriteLock[] buckets;
    private final ReentrantLock[] keys;

    public StripedLocks(int bucketStripes, int keyStripes) {
        buckets = new ReentrantReadWriteLock[bucketStripes];
        keys = new ReentrantLock[keyStripes];
        Arrays.setAll(buckets, i -> new ReentrantReadWriteLock());
        Arrays.setAll(keys, i -> new ReentrantLock());
    }

    public ReentrantReadWriteLock bucket(String bucketName) {
        return buckets[Math.floorMod(bucketName.hashCode(), buckets.length)];
    }

    public ReentrantLock key(String bucketName, String key) {
        int hash = 31 * bucketName.hashCode() + key.hashCode();
        return keys[Math.floorMod(hash ^ (hash >>> 16), keys.length)];
    }
}
