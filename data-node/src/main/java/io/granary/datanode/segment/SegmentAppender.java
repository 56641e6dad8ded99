package io.granary.datanode.segment;

import io.granary.datanode.DiskSpace;
import io.granary.datanode.ShardStoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Group commit: the single writer of a {@link SegmentVolume}. Requests queue lock-free; whoever finds no
 * drain running starts one, which takes everything queued, writes the batch's records
 * with one positional write from a reused direct buffer, forces the segment once, then updates the
 * index and completes every request of the batch. Requests arriving meanwhile form the next batch, so
 * concurrent writers share one fsync and nobody holds a lock while another waits. Drains run on
 * {@link SegmentThreads}, not the disk pool (an interrupted pool thread would close the segment's channel).
 */
final class SegmentAppender {
    private final SegmentVolume volume;
    private final Predicate<String> committedElsewhere;
    private final DiskSpace space;
    private final Queue<Append> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    /** Stands in the batch's view of the index for a record admitted earlier in the same batch. */
    private static final SegmentEntry PENDING = new SegmentEntry(-1, -1, -1, -1);

    private final AtomicLong forces = new AtomicLong();
    private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);

    SegmentAppender(SegmentVolume volume, Predicate<String> committedElsewhere, DiskSpace space) {
        this.volume = volume;
        this.committedElsewhere = committedElsewhere;
        this.space = space;
    }

    void submit(Append append) {
        queue.add(append);
        if (draining.compareAndSet(false, true)) {
            SegmentThreads.POOL.execute(this::drain);
        }
    }

    long forces() {
        return forces.get();
    }

    private void drain() {
        while (true) {
            List<Append> batch = new ArrayList<>();
            for (Append next = queue.poll(); next != null; next = queue.poll()) batch.add(next);
            if (batch.isEmpty()) {
                draining.set(false);
                // A request queued after the poll but before the flag dropped would otherwise wait forever.
                if (queue.isEmpty() || !draining.compareAndSet(false, true)) return;
                continue;
            }
            commit(batch);
        }
    }

    /** A request that passed its checks, with the record position it got. */
    private record Placed(Append append, SegmentEntry entry, ByteBuffer payload) {
    }

    private void commit(List<Append> batch) {
        Segment segment = volume.openSegment();
        List<Placed> placed = new ArrayList<>();
        try {
            // One stat per batch: appending to an unlinked file would acknowledge writes nobody can read.
            if (!Files.exists(segment.file())) segment = volume.restartEmptied();
            long usable = space.usable();
            List<Append> accepted = admit(batch, usable - space.reserve());
            long bytes = accepted.stream().mapToLong(Append::recordBytes).sum();
            if (bytes > 0 && usable < bytes) {
                throw new ShardStoreException(ShardStoreException.Kind.NO_SPACE, "no room for " + bytes
                        + " bytes of segment records");
            }
            if (segment.size() > 0 && segment.size() + bytes > volume.segmentBytes()) segment = roll(segment);
            long end = place(accepted, segment, placed);
            write(segment, end);
            segment.channel().force(false);
            forces.incrementAndGet();
            segment.size(end);
        } catch (IOException | RuntimeException e) {
            Thread.interrupted();
            truncateBack(segment);
            ShardStoreException failure = ShardStoreException.of("append to segment " + segment.id(), e);
            for (Append append : batch) append.promise().tryFail(failure);
            return;
        }
        for (Placed p : placed) publish(p);
        for (Append append : batch) append.promise().tryComplete(null);
    }

    /**
     * Applies each request's precondition in order, failing or skipping those that do not hold, and failing new
     * shards beyond {@code roomForPuts} (the free space above the reserve) with NO_SPACE.
     */
    private List<Append> admit(List<Append> batch, long roomForPuts) {
        Map<String, Optional<SegmentEntry>> pending = new HashMap<>();
        List<Append> accepted = new ArrayList<>();
        for (Append a : batch) {
            SegmentEntry current = pending.containsKey(a.shardId()) ? pending.get(a.shardId()).orElse(null)
                    : volume.find(a.shardId());
            boolean ok = switch (a.op()) {
                case PUT -> current == null && !committedElsewhere.test(a.shardId());
                case MIGRATE -> current == null;
                case MOVE -> a.expected().equals(current);
                case DELETE -> current != null;
                case CARRY -> true;
            };
            if (!ok) {
                if (a.op() == Append.Op.PUT) a.promise().tryFail(SegmentVolume.alreadyExists(a.shardId()));
                continue;
            }
            if (a.op() == Append.Op.PUT) {
                if (a.recordBytes() >= roomForPuts) {
                    a.promise().tryFail(space.full("shard " + a.shardId(), a.recordBytes()));
                    continue;
                }
                roomForPuts -= a.recordBytes();
            }
            if (a.op() == Append.Op.DELETE) {
                accepted.add(new Append(a.op(), a.shardId(), SegmentRecord.tombstone(current.segment(),
                        current.offset()), a.committedMillis(), current, a.promise()));
                pending.put(a.shardId(), Optional.empty());
            } else {
                accepted.add(a);
                if (a.op() != Append.Op.CARRY) pending.put(a.shardId(), Optional.of(PENDING));
            }
        }
        return accepted;
    }

    /** Encodes the accepted records into the direct buffer; returns the segment's end after them. */
    private long place(List<Append> accepted, Segment segment, List<Placed> placed) {
        long bytes = accepted.stream().mapToLong(Append::recordBytes).sum();
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect((int) Math.max(bytes, buffer.capacity() * 2L));
        }
        buffer.clear();
        long at = segment.size();
        Map<String, SegmentEntry> placedHere = new HashMap<>();
        for (Append admitted : accepted) {
            Append a = admitted.expected() == PENDING ? aimAtPlaced(admitted, placedHere.get(admitted.shardId()))
                    : admitted;
            ByteBuffer payload = a.payload().duplicate();
            SegmentRecord.Kind kind = a.op() == Append.Op.DELETE || a.op() == Append.Op.CARRY
                    ? SegmentRecord.Kind.DELETE : SegmentRecord.Kind.PUT;
            SegmentRecord.writeHeader(buffer, kind, a.shardId(), payload, a.committedMillis());
            buffer.put(payload.duplicate());
            SegmentEntry entry = new SegmentEntry(segment.id(), at, payload.remaining(), a.committedMillis());
            placed.add(new Placed(a, entry, payload));
            if (a.op() != Append.Op.DELETE && a.op() != Append.Op.CARRY) placedHere.put(a.shardId(), entry);
            at += SegmentRecord.HEADER_SIZE + payload.remaining();
        }
        buffer.flip();
        return at;
    }

    /**
     * A DELETE admitted behind a PUT, migration or move of the same shard in this batch: its tombstone must
     * name that record, whose place is known only now (naming the placeholder left the shard alive on reopen).
     */
    private static Append aimAtPlaced(Append delete, SegmentEntry target) {
        return new Append(delete.op(), delete.shardId(), SegmentRecord.tombstone(target.segment(), target.offset()),
                delete.committedMillis(), target, delete.promise());
    }

    private void write(Segment segment, long end) throws IOException {
        long at = end - buffer.remaining();
        while (buffer.hasRemaining()) at += segment.channel().write(buffer, at);
    }

    /** The batch is durable: make it visible. */
    private void publish(Placed p) {
        Append a = p.append();
        SegmentEntry outcome = switch (a.op()) {
            case PUT, MIGRATE, MOVE -> {
                volume.apply(a.shardId(), p.entry());
                yield p.entry();
            }
            case DELETE -> {
                volume.kill(a.shardId(), a.expected().segment(), a.expected().offset());
                yield a.expected();
            }
            case CARRY -> p.entry();
        };
        a.promise().tryComplete(outcome);
    }

    /** Seals {@code full} (already forced with its last batch) and starts the next segment. */
    private Segment roll(Segment full) throws IOException {
        Segment next = volume.create(full.id() + 1);
        volume.rolledTo(next);
        return next;
    }

    /** After a failed write, cuts off whatever part of the batch reached the file. */
    private static void truncateBack(Segment segment) {
        try {
            segment.reopen();
            segment.channel().truncate(segment.size());
        } catch (IOException ignored) {
            // Recovery at the next open drops a partial record anyway; the batch has already failed.
        }
    }
}
