package io.granary.metadata.store;

import io.granary.metadata.Batch;
import io.granary.metadata.Cursor;
import io.granary.metadata.Database;
import io.granary.metadata.Keys;
import io.granary.metadata.Schema;
import io.granary.metadata.Table;
import io.granary.metadata.model.DeadEvent;
import io.granary.metadata.model.ObjectEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The durable outbox of webhook events, one ordered queue per target (key: target ARN, 0x00, sequence), and each
 * target's dead letters. Events are appended in the batch of the change that makes them, so an event exists
 * exactly when its change committed. There is one reader (the API node's delivery worker), which keeps its own
 * position per target, so reading needs no lease. Sequences come from the clock in microseconds, kept increasing
 * within the process: they order one key's events across restarts without a stored counter (a clock set back
 * further than the events' age would reorder them).
 */
public final class EventOutbox {
    private static final byte SEPARATOR = 0;
    private static final int SEQUENCER_HEX = 16;

    private final Database database;
    private final Table<ObjectEvent> outbox;
    private final Table<DeadEvent> dead;
    private final AtomicLong lastSequence = new AtomicLong();
    /** Sequences handed to batches not closed yet, the lowest first. */
    private final TreeSet<Long> uncommitted = new TreeSet<>();
    private volatile Consumer<String> listener = target -> { };

    /** Built by {@code MetadataStore}. */
    public EventOutbox(Database database) {
        this.database = database;
        this.outbox = database.table(Schema.EVENT_OUTBOX);
        this.dead = database.table(Schema.EVENT_DEAD);
    }

    /** {@code appended} hears the target of every event appended, after its batch committed (on that thread). */
    public void listen(Consumer<String> appended) {
        this.listener = appended;
    }

    /** Appends {@code event} to its target's queue in {@code batch}, with the next sequence as its sequencer. */
    void append(Batch batch, ObjectEvent event) {
        long sequence = nextSequence(batch, event.targetArn());
        outbox.put(batch, key(event.targetArn(), sequence), event.withSequencer(sequencer(sequence)));
    }

    /**
     * A new sequence, held back from readers until {@code batch} is closed: concurrent batches commit in any
     * order, so a reader past a later sequence must not miss an earlier one that commits after it.
     */
    private long nextSequence(Batch batch, String target) {
        long sequence;
        synchronized (uncommitted) {
            long micros = System.currentTimeMillis() * 1000;
            sequence = lastSequence.updateAndGet(last -> Math.max(last + 1, micros));
            uncommitted.add(sequence);
        }
        batch.onClose(committed -> {
            synchronized (uncommitted) {
                uncommitted.remove(sequence);
            }
            if (committed) listener.accept(target);
        });
        return sequence;
    }

    /** The first sequence readers may not see yet (an append whose batch is still open), or none. */
    private long visibleBelow() {
        synchronized (uncommitted) {
            return uncommitted.isEmpty() ? Long.MAX_VALUE : uncommitted.first();
        }
    }

    /** The sequencer S3 puts in an event: the sequence as fixed-width hex, so that strings compare as numbers. */
    static String sequencer(long sequence) {
        String hex = Long.toHexString(sequence).toUpperCase(java.util.Locale.ROOT);
        return "0".repeat(SEQUENCER_HEX - hex.length()) + hex;
    }

    /**
     * Up to {@code limit} committed events of {@code target} with sequences after {@code afterSequence}, oldest
     * first, stopping short of any sequence whose batch is still open (so a reader that moves past what it read
     * never skips an event).
     */
    public List<QueuedTask<ObjectEvent>> read(String target, long afterSequence, int limit) {
        return page(outbox, target, afterSequence, limit, visibleBelow());
    }

    /** Every target with at least one event waiting. */
    public List<String> targets() {
        List<String> targets = new ArrayList<>();
        try (Cursor<ObjectEvent> cursor = outbox.scan(new byte[0], Keys.END)) {
            while (cursor.valid()) {
                byte[] key = cursor.key();
                String target = Keys.utf8(key, 0, key.length - Long.BYTES - 1);
                targets.add(target);
                cursor.seek(Keys.pastPrefix(prefix(target)));
            }
        }
        return targets;
    }

    /**
     * Removes delivered events, in one batch not waited for: a crash may undo it, and the events are then sent
     * again, which at-least-once delivery allows (and saves a sync per acknowledgement on the write path's WAL).
     */
    public void acknowledge(String target, Collection<Long> sequences) {
        try (Batch batch = new Batch()) {
            for (long sequence : sequences) outbox.delete(batch, key(target, sequence));
            database.commitUnsynced(batch);
        }
    }

    /**
     * Moves event {@code sequence} of {@code target} to its dead letters, in one batch not waited for (a crash
     * may undo it: the event is then tried again, and given up again).
     */
    public void deadLetter(String target, long sequence, DeadEvent event) {
        try (Batch batch = new Batch()) {
            outbox.delete(batch, key(target, sequence));
            dead.put(batch, key(target, sequence), event);
            database.commitUnsynced(batch);
        }
    }

    /** The number of events of {@code target} waiting: counts by walking, for status. */
    public long pending(String target) {
        return count(outbox, target);
    }

    /** The number of dead letters of {@code target}: counts by walking, for status. */
    public long deadCount(String target) {
        return count(dead, target);
    }

    /** The oldest event of {@code target} still waiting. */
    public Optional<ObjectEvent> oldest(String target) {
        return read(target, -1, 1).stream().findFirst().map(QueuedTask::task);
    }

    /** Up to {@code limit} dead letters of {@code target} after sequence {@code afterSequence}, oldest first. */
    public List<QueuedTask<DeadEvent>> dead(String target, long afterSequence, int limit) {
        return page(dead, target, afterSequence, limit, Long.MAX_VALUE);
    }

    /**
     * Puts the dead letters of {@code target} that gave up at or after {@code sinceMillis} back at the end of its
     * queue (new sequences, the events keep their ids and sequencers), in one batch; returns how many.
     */
    public int replay(String target, long sinceMillis) {
        int replayed = 0;
        try (Batch batch = new Batch(); Cursor<DeadEvent> cursor = dead.scan(prefix(target),
                Keys.pastPrefix(prefix(target)))) {
            for (; cursor.valid(); cursor.next()) {
                DeadEvent letter = cursor.value();
                if (letter.failedMillis() < sinceMillis) continue;
                dead.delete(batch, cursor.key());
                outbox.put(batch, key(target, nextSequence(batch, target)), letter.event());
                replayed++;
            }
            if (replayed > 0) database.commit(batch);
        }
        return replayed;
    }

    private static <V> List<QueuedTask<V>> page(Table<V> table, String target, long afterSequence, int limit,
                                                long below) {
        List<QueuedTask<V>> found = new ArrayList<>();
        byte[] prefix = prefix(target);
        byte[] upper = below == Long.MAX_VALUE ? Keys.pastPrefix(prefix) : key(target, below);
        try (Cursor<V> cursor = table.scan(key(target, Math.max(0, afterSequence + 1)), upper)) {
            for (; cursor.valid() && found.size() < limit; cursor.next()) {
                found.add(new QueuedTask<>(Keys.readLong(cursor.key(), prefix.length), cursor.value()));
            }
        }
        return found;
    }

    private static long count(Table<?> table, String target) {
        long count = 0;
        try (Cursor<?> cursor = table.scan(prefix(target), Keys.pastPrefix(prefix(target)))) {
            for (; cursor.valid(); cursor.next()) count++;
        }
        return count;
    }

    private static byte[] prefix(String target) {
        return Keys.concat(Keys.utf8(target), new byte[] {SEPARATOR});
    }

    private static byte[] key(String target, long sequence) {
        return Keys.concat(prefix(target), Keys.longKey(sequence));
    }
}
