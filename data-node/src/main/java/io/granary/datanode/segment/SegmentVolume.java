package io.granary.datanode.segment;

import io.granary.datanode.DiskSpace;
import io.granary.datanode.ShardStoreException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A log-structured volume of small shards (Haystack, SeaweedFS volumes, Ambry): records appended to
 * the open segment by one {@link SegmentAppender}, an in-memory index of shard id to
 * {@link SegmentEntry}, rebuilt at {@link #open} by scanning every segment in order (PUTs add, tombstones
 * remove the exact record they name). Only durable records are ever in the index. Recovery truncates a
 * torn or corrupt tail of the last segment and logs it; a bad record inside a segment is skipped and
 * counted dead. Thread-safe; every method that touches files blocks and runs on the disk pool.
 */
public final class SegmentVolume {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentVolume.class);
    static final String DIR = "segments";

    private final Path dir;
    private final long segmentBytes;
    private final NavigableMap<String, SegmentEntry> index = new ConcurrentSkipListMap<>();
    private final Map<Long, Segment> segments = new ConcurrentHashMap<>();
    private final AtomicLong truncatedTail = new AtomicLong();
    private final AtomicLong shardBytes = new AtomicLong();
    private final SegmentAppender appender;
    private volatile Segment open;

    private SegmentVolume(Path dir, long segmentBytes, Predicate<String> committedElsewhere, DiskSpace space) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.appender = new SegmentAppender(this, committedElsewhere, space);
    }

    /**
     * Opens (creating) {@code root/segments}; blocks. {@code committedElsewhere} tells whether an id is
     * committed as a file shard (a new PUT of it is refused), {@code space} the free bytes and reserve (a new
     * shard must fit above it; other records may use it).
     */
    public static SegmentVolume open(Path root, long segmentBytes, Predicate<String> committedElsewhere,
                                     DiskSpace space) throws IOException {
        Path dir = root.resolve(DIR);
        Files.createDirectories(dir);
        SegmentVolume volume = new SegmentVolume(dir, segmentBytes, committedElsewhere, space);
        List<Long> ids = volume.segmentIds();
        for (int i = 0; i < ids.size(); i++) volume.load(ids.get(i), i == ids.size() - 1);
        long openId = ids.isEmpty() ? 1 : ids.get(ids.size() - 1);
        volume.open = ids.isEmpty() ? volume.create(openId) : volume.segments.get(openId);
        return volume;
    }

    private List<Long> segmentIds() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9a-f]{16}\\.seg"))
                    .map(Segment::idOf).sorted().toList();
        }
    }

    /** Replays one segment into the index; the last one also has its payloads checked and its tail cut. */
    private void load(long id, boolean last) throws IOException {
        Segment segment = Segment.open(id, dir.resolve(Segment.fileName(id)));
        segments.put(id, segment);
        SegmentScan scan = new SegmentScan(segment.channel(), segment.size(), last);
        for (SegmentScan.Found found = scan.next(); found != null; found = scan.next()) {
            SegmentRecord.Header h = found.header();
            if (h.kind() == SegmentRecord.Kind.PUT) {
                apply(h.shardId(), new SegmentEntry(id, found.offset(), h.payloadLength(), h.committedMillis()));
            } else {
                ByteBuffer target = scan.payload(found.offset(), h);
                kill(h.shardId(), target.getLong(0), target.getLong(8));
            }
        }
        if (scan.skippedBytes() > 0) {
            LOG.error("segment {}: skipped {} bytes of corrupt records (their shards read as missing; heal "
                    + "restores them)", segment.file(), scan.skippedBytes());
        }
        if (last && scan.end() < segment.size()) {
            long cut = segment.size() - scan.end();
            LOG.warn("segment {}: recovery truncated a torn or corrupt tail of {} bytes at offset {}",
                    segment.file(), cut, scan.end());
            segment.channel().truncate(scan.end());
            segment.channel().force(true);
            segment.size(scan.end());
            truncatedTail.addAndGet(cut);
        }
    }

    /** Points the index at a durable PUT, moving the live bytes from any record it replaces. */
    void apply(String shardId, SegmentEntry entry) {
        SegmentEntry previous = index.put(shardId, entry);
        shardBytes.addAndGet(entry.length() - (previous == null ? 0 : previous.length()));
        Segment old = previous == null ? null : segments.get(previous.segment());
        if (old != null) old.addLive(-previous.recordLength());
        segments.get(entry.segment()).addLive(entry.recordLength());
    }

    /** Applies a durable tombstone: drops the entry only if it still is the record the tombstone names. */
    void kill(String shardId, long segment, long offset) {
        SegmentEntry current = index.get(shardId);
        if (current != null && current.segment() == segment && current.offset() == offset
                && index.remove(shardId, current)) {
            shardBytes.addAndGet(-current.length());
            Segment holder = segments.get(segment);
            if (holder != null) holder.addLive(-current.recordLength());
        }
    }

    /** Creates and makes durable a new, empty segment file. */
    Segment create(long id) throws IOException {
        Segment segment = Segment.open(id, dir.resolve(Segment.fileName(id)));
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
        segments.put(id, segment);
        return segment;
    }

    /**
     * Starts afresh after the directory was emptied under us (a replaced disk, as the file form copes
     * with too): the index forgets every shard, which heal then restores. Called by the appender only.
     */
    Segment restartEmptied() throws IOException {
        LOG.warn("segment directory {} was emptied while open: starting a new volume", dir);
        index.clear();
        shardBytes.set(0);
        for (Segment segment : segments.values()) segment.close();
        segments.clear();
        Files.createDirectories(dir);
        open = create(1);
        return open;
    }

    /** The segment being appended to; changed only by the appender. */
    Segment openSegment() {
        return open;
    }

    void rolledTo(Segment next) {
        open = next;
    }

    long segmentBytes() {
        return segmentBytes;
    }

    public SegmentEntry find(String shardId) {
        return index.get(shardId);
    }

    /** Committed shards after {@code after} (null: all) in id order, at most {@code limit}. */
    public List<Map.Entry<String, SegmentEntry>> list(String after, int limit) {
        var tail = after == null ? index : index.tailMap(after, false);
        List<Map.Entry<String, SegmentEntry>> out = new ArrayList<>();
        for (var entry : tail.entrySet()) {
            if (out.size() == limit) break;
            out.add(Map.entry(entry.getKey(), entry.getValue()));
        }
        return out;
    }

    /**
     * The segment holding {@code shardId} with a reader's hold on it (release it when done), with the
     * entry it was found under; null if the shard is not in the volume. Retries when compaction moved it.
     */
    public Lease acquire(String shardId) throws IOException {
        while (true) {
            SegmentEntry entry = index.get(shardId);
            if (entry == null) return null;
            Segment segment = segments.get(entry.segment());
            if (segment != null && segment.acquire()) {
                try {
                    return new Lease(segment, entry, segment.openForRead());
                } catch (java.nio.file.NoSuchFileException emptied) {
                    // The directory was emptied under us (a replaced disk): its shards are gone.
                    segment.release();
                    return null;
                } catch (IOException | RuntimeException e) {
                    segment.release();
                    throw e;
                }
            }
            if (index.get(shardId) == entry) return null;
        }
    }

    /**
     * A reader's hold on a segment, the entry it reads and its own read channel; {@link #close} ends both.
     */
    public record Lease(Segment segment, SegmentEntry entry, FileChannel channel) {
        public void close() throws IOException {
            try {
                channel.close();
            } finally {
                segment.release();
            }
        }
    }

    /** Appends a new shard's frames; completes once its record is durable (group-committed). */
    public Future<SegmentEntry> put(String shardId, ByteBuffer frames, long committedMillis) {
        return submit(Append.Op.PUT, shardId, frames, committedMillis, null);
    }

    /** Appends a tombstone for the shard, if the volume holds it; completes once it is durable. */
    public Future<SegmentEntry> delete(String shardId) {
        return submit(Append.Op.DELETE, shardId, null, System.currentTimeMillis(), null);
    }

    Future<SegmentEntry> submit(Append.Op op, String shardId, ByteBuffer payload, long millis, SegmentEntry expected) {
        Promise<SegmentEntry> promise = Promise.promise();
        appender.submit(new Append(op, shardId, payload, millis, expected, promise));
        return promise.future();
    }

    public int shardCount() {
        return index.size();
    }

    /** Total payload bytes of the shards in the volume. */
    public long shardBytes() {
        return shardBytes.get();
    }

    /** Number of group-commit fsyncs since open (each covers one batch of appends). */
    public long forces() {
        return appender.forces();
    }

    Map<Long, Segment> segments() {
        return segments;
    }

    void forget(Segment segment) {
        segments.remove(segment.id(), segment);
    }

    /** Totals for health; compaction figures are filled in by the {@link Compactor}. */
    SegmentStats stats(boolean compacting, long compacted, long migrated) {
        long live = 0;
        long total = 0;
        for (Segment segment : segments.values()) {
            live += segment.liveBytes();
            total += segment.size();
        }
        return new SegmentStats(segments.size(), live, total - live, compacting, compacted, migrated,
                truncatedTail.get());
    }

    /** Closes every segment file; pending appends fail as the channels close. */
    public void close() throws IOException {
        for (Segment segment : segments.values()) segment.close();
    }

    static ShardStoreException alreadyExists(String shardId) {
        return new ShardStoreException(ShardStoreException.Kind.ALREADY_EXISTS, "shard " + shardId
                + " is already committed (shards are immutable)");
    }
}
