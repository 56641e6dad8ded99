package io.granary.metadata.store;

import io.granary.metadata.Batch;
import io.granary.metadata.Cursor;
import io.granary.metadata.Database;
import io.granary.metadata.Keys;
import io.granary.metadata.Schema;
import io.granary.metadata.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A durable FIFO of tasks (heal or garbage). A task stays stored until acknowledged. Claims are
 * leases held in memory only: a claimed task is not handed out again until its lease expires,
 * and after a restart every unacknowledged task is claimable again, so claiming costs no write
 * and a crashed worker loses nothing. Delivery is therefore at-least-once; workers must be
 * idempotent (deleting a missing shard, rebuilding a present one).
 */
public final class QueueStore<T> {

    private final Database database;
    private final Table<T> table;
    private final AtomicLong nextSequence;
    private final Map<Long, Long> leasedUntil = new ConcurrentHashMap<>();

    /** Built by {@code MetadataStore}. */
    public QueueStore(Database database, Schema.Family<T> family) {
        this.database = database;
        this.table = database.table(family);
        this.nextSequence = new AtomicLong(lastSequence() + 1);
    }

    private long lastSequence() {
        long last = 0;
        // Queues are short in steady state; the scan runs once per open.
        try (Cursor<T> cursor = table.scan(Keys.longKey(0), Keys.END)) {
            for (; cursor.valid(); cursor.next()) last = Keys.readLong(cursor.key(), 0);
        }
        return last;
    }

    /** Appends a task on its own (one synced batch) and returns its id. */
    public long append(T task) {
        try (Batch batch = new Batch()) {
            long id = append(batch, task);
            database.commit(batch);
            return id;
        }
    }

    /** Appends a task to a batch that some other state change commits. */
    public long append(Batch batch, T task) {
        long id = nextSequence.getAndIncrement();
        table.put(batch, Keys.longKey(id), task);
        return id;
    }

    /**
     * Claims up to {@code max} tasks, oldest first, skipping those under an unexpired lease, and
     * leases them for {@code lease}.
     */
    public List<QueuedTask<T>> claim(int max, Duration lease) {
        return claim(max, lease, System.currentTimeMillis());
    }

    synchronized List<QueuedTask<T>> claim(int max, Duration lease, long now) {
        long until = now + lease.toMillis();
        List<QueuedTask<T>> claimed = new ArrayList<>();
        try (Cursor<T> cursor = table.scan(Keys.longKey(0), Keys.END)) {
            for (; cursor.valid() && claimed.size() < max; cursor.next()) {
                long id = Keys.readLong(cursor.key(), 0);
                Long leased = leasedUntil.get(id);
                if (leased != null && leased > now) continue;
                leasedUntil.put(id, until);
                claimed.add(new QueuedTask<>(id, cursor.value()));
            }
        }
        return claimed;
    }

    /**
     * Up to {@code limit} stored tasks with ids greater than {@code afterId}, oldest first, leased or
     * not, without claiming them: for reports (which shard sets await healing), not for workers.
     */
    public List<QueuedTask<T>> peek(long afterId, int limit) {
        if (limit < 1) {
            throw new MetadataException(MetadataException.Reason.INVALID_ARGUMENT, "peek limit must be positive");
        }
        List<QueuedTask<T>> found = new ArrayList<>();
        try (Cursor<T> cursor = table.scan(Keys.longKey(Math.max(0, afterId + 1)), Keys.END)) {
            for (; cursor.valid() && found.size() < limit; cursor.next()) {
                found.add(new QueuedTask<>(Keys.readLong(cursor.key(), 0), cursor.value()));
            }
        }
        return found;
    }

    /** Removes acknowledged tasks (one synced batch). Unknown ids are ignored. */
    public void acknowledge(Collection<Long> ids) {
        try (Batch batch = new Batch()) {
            for (long id : ids) acknowledge(batch, id);
            database.commit(batch);
        }
        ids.forEach(leasedUntil::remove);
    }

    /** Removes a task inside another state change's batch (e.g. heal re-pointing a shard). */
    public void acknowledge(Batch batch, long id) {
        table.delete(batch, Keys.longKey(id));
    }

    /**
     * Shortens the leases of claimed tasks a worker could not settle yet, so that they are claimable again
     * after {@code retryAfter} instead of when their lease would have ended. Tasks not leased are left alone.
     */
    public void retryAfter(Collection<Long> ids, Duration retryAfter) {
        retryAfter(ids, retryAfter, System.currentTimeMillis());
    }

    synchronized void retryAfter(Collection<Long> ids, Duration retryAfter, long now) {
        long until = now + retryAfter.toMillis();
        for (long id : ids) leasedUntil.computeIfPresent(id, (k, leased) -> Math.min(leased, until));
    }

    /** Forgets the lease of a task acknowledged through {@link #acknowledge(Batch, long)}, once committed. */
    void released(long id) {
        leasedUntil.remove(id);
    }

    /** The number of stored tasks, claimed or not. Counts by scanning: for admin status, not hot paths. */
    public long length() {
        return table.count();
    }
}
