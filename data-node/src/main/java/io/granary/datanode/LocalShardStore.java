package io.granary.datanode;

import io.granary.datanode.segment.Compactor;
import io.granary.datanode.segment.SegmentEntry;
import io.granary.datanode.segment.SegmentVolume;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ShardStore} on a local file system ({@link ShardPaths} layout). Every file operation runs on the
 * injected {@code disk} {@link WorkerExecutor} with {@code ordered=false}, never on an event loop.
 * Durability: a shard is written to {@code tmp/}, fsynced, hard-linked to its final name (link(2) fails if
 * the name exists, so a committed shard is never clobbered), the directory is fsynced (and any directory
 * created for it, with its parent), and only then is the write acknowledged. Temp files left by a crash
 * are removed by {@link #open}. A failed write leaves nothing visible; disk errors fail that call only,
 * and reads keep being served.
 */
public final class LocalShardStore implements ShardStore {
    private static final Logger LOG = LoggerFactory.getLogger(LocalShardStore.class);

    /**
     * How the store is run. {@code trustFrames}: skip the CRC32C check of incoming frames, for the
     * in-process store whose caller (the API node) just framed them; remote writes always verify.
     * Shards of at most {@code segmentThreshold} bytes go to the segment volume (rolled at
     * {@code segmentBytes}), larger ones stay one file each. Compaction runs every {@code compactionInterval}
     * (zero: only when asked), paced to {@code compactionBytesPerSecond}, on sealed segments whose live
     * ratio is below {@code compactionLiveRatio}. {@code reserveBytes} of free space are kept back from new
     * shards ({@link DiskSpace}; negative: {@link DiskSpace#defaultReserve}).
     */
    public record Options(boolean trustFrames, long segmentThreshold, long segmentBytes,
                          java.time.Duration compactionInterval, long compactionBytesPerSecond,
                          double compactionLiveRatio, long reserveBytes) {
        /** Segments for shards up to 512 KiB (a 1 MiB object's shard is 256 KiB), frames verified. */
        public static final Options DEFAULTS = new Options(false, 512 << 10, 64L << 20,
                java.time.Duration.ofSeconds(30), 32L << 20, 0.5, -1);
        /** Every shard a file of its own, as before segments; segments already on disk still read. */
        public static final Options FILES = DEFAULTS.withSegmentThreshold(-1);

        public Options withSegmentThreshold(long bytes) {
            return new Options(trustFrames, bytes, segmentBytes, compactionInterval, compactionBytesPerSecond,
                    compactionLiveRatio, reserveBytes);
        }

        public Options withTrustFrames(boolean trust) {
            return new Options(trust, segmentThreshold, segmentBytes, compactionInterval, compactionBytesPerSecond,
                    compactionLiveRatio, reserveBytes);
        }

        public Options withReserveBytes(long bytes) {
            return new Options(trustFrames, segmentThreshold, segmentBytes, compactionInterval,
                    compactionBytesPerSecond, compactionLiveRatio, bytes);
        }
    }

    private final Vertx vertx;
    private final WorkerExecutor disk;
    private final ShardPaths paths;
    private final FileStore fileStore;
    private final Options options;
    private final AtomicLong shardCount = new AtomicLong();
    private final AtomicLong shardBytes = new AtomicLong();
    /** Directories whose entry in their parent was fsynced by this process (see {@link #createDirectories}). */
    private final Set<Path> durableDirectories = ConcurrentHashMap.newKeySet();
    private DiskSpace space;
    private SegmentVolume volume;
    private Compactor compactor;

    private LocalShardStore(Vertx vertx, WorkerExecutor disk, ShardPaths paths, FileStore fileStore,
                            Options options) {
        this.vertx = vertx;
        this.disk = disk;
        this.paths = paths;
        this.fileStore = fileStore;
        this.options = options;
    }

    /**
     * Opens (creating if needed) the store under {@code root} with {@link Options#FILES} (every new shard a
     * file; callers that inspect shard files rely on it): removes temp files left by a crash and counts
     * the committed shards. {@code disk} runs all blocking file work; size it to the disk's queue depth.
     */
    public static Future<LocalShardStore> open(Vertx vertx, Path root, WorkerExecutor disk) {
        return open(vertx, root, disk, Options.FILES);
    }

    /** As {@link #open(Vertx, Path, WorkerExecutor)}, also replaying the segment volume, with {@code options}. */
    public static Future<LocalShardStore> open(Vertx vertx, Path root, WorkerExecutor disk, Options options) {
        return disk.<LocalShardStore>executeBlocking(() -> {
            ShardPaths paths = new ShardPaths(root);
            Files.createDirectories(paths.tmpDir());
            int removed = removeTempFiles(paths.tmpDir());
            if (removed > 0) LOG.info("removed {} unfinished shard write(s) from {}", removed, paths.tmpDir());
            LocalShardStore store = new LocalShardStore(vertx, disk, paths, Files.getFileStore(paths.root()), options);
            store.openVolume();
            return store;
        }, false).onSuccess(LocalShardStore::scheduleCompaction);
    }

    private void openVolume() throws IOException {
        space = new DiskSpace(this::usableSpace, options.reserveBytes() >= 0 ? options.reserveBytes()
                : DiskSpace.defaultReserve(fileStore.getTotalSpace()));
        volume = SegmentVolume.open(paths.root(), options.segmentBytes(), this::isFileShard, space);
        compactor = new Compactor(volume, new LegacyFileShards(paths, options.segmentThreshold(), this),
                options.compactionBytesPerSecond(), options.compactionLiveRatio());
        countFileShards();
    }

    private void scheduleCompaction() {
        long every = options.compactionInterval().toMillis();
        if (every > 0) vertx.setPeriodic(every, every, timer -> compactor.trigger());
    }

    /** Runs a compaction and migration pass now (or joins the running one); for operators and tests. */
    public Future<Void> compact() {
        return compactor.trigger();
    }

    /** Group-commit fsyncs of the segment volume since open. */
    long segmentForces() {
        return volume.forces();
    }

    private boolean isFileShard(String id) {
        return Files.exists(paths.shardFile(ShardId.parse(id)));
    }

    private long usableSpace() {
        try {
            return fileStore.getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    public Path root() {
        return paths.root();
    }

    @Override
    public String location() {
        return paths.root().toString();
    }

    @Override
    public Future<ShardWriter> openWrite(ShardId id, long length) {
        if (length < 0 && length != UNKNOWN_LENGTH) {
            return Future.failedFuture(invalid("negative shard length " + length));
        }
        io.vertx.core.Context context = vertx.getOrCreateContext();
        FrameVerifier verifier = options.trustFrames() ? null : new FrameVerifier();
        // A shard of unknown length goes to its own file: a segment record is sized before it is appended.
        if (length != UNKNOWN_LENGTH && length <= options.segmentThreshold()) {
            // Whether the id exists as a file shard is checked by the appender, off the event loop.
            if (volume.find(id.value()) != null) return Future.failedFuture(alreadyExists(id));
            return Future.succeededFuture(new SegmentShardWriter(volume, context, id, (int) length, verifier));
        }
        return blocking("open write of shard " + id, () -> {
            if (volume.find(id.value()) != null || Files.exists(paths.shardFile(id))) throw alreadyExists(id);
            long needed = Math.max(0, length);
            if (!space.fitsNewShard(needed)) throw space.full("shard " + id, needed);
            Path temp = paths.tempFile(id);
            FileChannel channel;
            try {
                channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (NoSuchFileException e) {
                // The directory was emptied under us (a replaced disk): start it afresh, as at open.
                createDirectories(paths.tmpDir());
                channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
            return new LocalShardWriter(this, context, id, length, temp, channel, verifier);
        });
    }

    @Override
    public Future<ReadStream<Buffer>> read(ShardId id, long offset, long length) {
        io.vertx.core.Context context = vertx.getOrCreateContext();
        return blocking("read of shard " + id, () -> {
            SegmentVolume.Lease lease = volume.acquire(id.value());
            if (lease != null) return segmentStream(context, id, lease, offset, length);
            FileChannel channel = openForRead(id);
            try {
                FrameLayout layout = FrameLayout.read(channel, id);
                layout.checkRange(id, offset, length);
                return new FrameReadStream(context, disk, id, channel, 0, channel::close, layout, offset,
                        offset + length);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        });
    }

    /** A verified range of a segment record's frames; the lease is released when the stream closes. */
    private ReadStream<Buffer> segmentStream(io.vertx.core.Context context, ShardId id, SegmentVolume.Lease lease,
                                             long offset, long length) throws IOException {
        SegmentEntry entry = lease.entry();
        try {
            FrameLayout layout = FrameLayout.read(lease.channel(), entry.payloadOffset(), entry.length(), id);
            layout.checkRange(id, offset, length);
            return new FrameReadStream(context, disk, id, lease.channel(), entry.payloadOffset(), lease::close,
                    layout, offset, offset + length);
        } catch (IOException | RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    @Override
    public Future<ShardInfo> stat(ShardId id) {
        SegmentEntry entry = volume.find(id.value());
        if (entry != null) return Future.succeededFuture(SegmentShardWriter.info(id, entry));
        return blocking("stat of shard " + id, () -> {
            ShardInfo info = paths.infoOrNull(id);
            if (info == null) throw notFound(id);
            return info;
        });
    }

    @Override
    public Future<Void> delete(ShardId id) {
        Future<SegmentEntry> tombstone = volume.delete(id.value())
                .recover(e -> Future.failedFuture(ShardStoreException.of("delete of shard " + id, e)));
        // A migration cut off by a crash can leave the file too: both forms go.
        return tombstone.compose(v -> blocking("delete of shard " + id, () -> {
            Path file = paths.shardFile(id);
            ShardInfo info = paths.infoOrNull(id);
            if (info == null) return null;
            try {
                Files.delete(file);
            } catch (NoSuchFileException raced) {
                return null;
            }
            fsyncDirectory(file.getParent());
            legacyRemoved(info.length());
            return null;
        }));
    }

    /** A shard file went (deleted, or migrated into a segment). */
    void legacyRemoved(long length) {
        shardCount.decrementAndGet();
        shardBytes.addAndGet(-length);
    }

    @Override
    public Future<ShardPage> list(ShardId after, int limit) {
        if (limit <= 0) return Future.failedFuture(invalid("list limit must be positive"));
        return blocking("list of shards", () -> {
            var shards = merge(paths.list(after, limit), volume.list(after == null ? null : after.value(), limit),
                    limit);
            return new ShardPage(shards, shards.size() == limit ? shards.get(limit - 1).id() : null);
        });
    }

    @Override
    public Future<NodeHealth> health() {
        return blocking("health", () -> new NodeHealth(fileStore.getTotalSpace(), fileStore.getUsableSpace(),
                space.reserve(), shardCount.get() + volume.shardCount(), shardBytes.get() + volume.shardBytes(),
                compactor.stats()));
    }

    /** Makes a fully written temp file the committed shard; runs on the disk pool (called by the writer). */
    ShardInfo commitBlocking(ShardId id, long length, Path temp, FileChannel channel) throws IOException {
        try {
            channel.force(true);
            channel.close();
            Path target = paths.shardFile(id);
            createDirectories(target.getParent());
            try {
                Files.createLink(target, temp);
            } catch (FileAlreadyExistsException e) {
                throw alreadyExists(id);
            }
            // The new name is durable only once its directory entry is (Garage fsyncs the directory too).
            fsyncDirectory(target.getParent());
            shardCount.incrementAndGet();
            shardBytes.addAndGet(length);
            return paths.infoOrNull(id);
        } finally {
            discardBlocking(temp, channel);
        }
    }

    /** Closes and removes a temp file; runs on the disk pool. */
    static void discardBlocking(Path temp, FileChannel channel) {
        try {
            channel.close();
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.warn("could not remove temp file {} (removed at next start): {}", temp, e.getMessage());
        }
    }

    WorkerExecutor disk() {
        return disk;
    }

    private FileChannel openForRead(ShardId id) throws IOException {
        try {
            return FileChannel.open(paths.shardFile(id), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw notFound(id);
        }
    }

    /**
     * Makes {@code dir} and its parents up to the root exist durably: each created, or found, and then its
     * parent fsynced once in this process before anyone relies on it. A directory another thread just created
     * is not durable until that thread's parent fsync returns, so finding it is not enough: the first shard into
     * a new fan-out directory must not be acknowledged on the strength of an entry still in the page cache.
     * After a restart every directory is checked again once, as an entry a crash left unsynced looks the same;
     * one removed since (a node's directory emptied by hand) is made again.
     */
    private void createDirectories(Path dir) throws IOException {
        if (!dir.startsWith(paths.root()) || dir.equals(paths.root())) return;
        // One stat even when known durable: an operator may have emptied the directory under a running node.
        if (durableDirectories.contains(dir) && Files.isDirectory(dir)) return;
        durableDirectories.remove(dir);
        createDirectories(dir.getParent());
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException exists) {
            // Created by another thread or an earlier run; its entry is made durable below all the same.
        }
        fsyncDirectory(dir.getParent());
        durableDirectories.add(dir);
    }

    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private <T> Future<T> blocking(String what, Callable<T> task) {
        return disk.<T>executeBlocking(task, false).recover(e -> Future.failedFuture(ShardStoreException.of(what, e)));
    }

    private static int removeTempFiles(Path tmp) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
                removed++;
            }
        }
        return removed;
    }

    /**
     * Counts the shard files; one also in the segment volume is what a crash left of a migration (the
     * record is durable, the file's removal was not), so it goes now.
     */
    private void countFileShards() throws IOException {
        ShardId after = null;
        while (true) {
            var page = paths.list(after, 10_000);
            for (ShardInfo info : page) {
                if (volume.find(info.id().value()) != null) {
                    Files.deleteIfExists(paths.shardFile(info.id()));
                    continue;
                }
                shardCount.incrementAndGet();
                shardBytes.addAndGet(info.length());
            }
            if (page.size() < 10_000) return;
            after = page.get(page.size() - 1).id();
        }
    }

    /** The first {@code limit} of two id-ordered listings, file shards and segment shards, merged. */
    private static List<ShardInfo> merge(List<ShardInfo> files, List<Map.Entry<String, SegmentEntry>> segmented,
                                         int limit) {
        java.util.TreeMap<ShardId, ShardInfo> all = new java.util.TreeMap<>();
        for (ShardInfo info : files) all.put(info.id(), info);
        for (var entry : segmented) {
            ShardId id = ShardId.parse(entry.getKey());
            all.put(id, SegmentShardWriter.info(id, entry.getValue()));
        }
        return all.values().stream().limit(limit).toList();
    }

    static ShardStoreException notFound(ShardId id) {
        return new ShardStoreException(ShardStoreException.Kind.NOT_FOUND, "no shard " + id);
    }

    private static ShardStoreException alreadyExists(ShardId id) {
        return new ShardStoreException(ShardStoreException.Kind.ALREADY_EXISTS, "shard " + id
                + " is already committed (shards are immutable)");
    }

    static ShardStoreException invalid(String message) {
        return new ShardStoreException(ShardStoreException.Kind.INVALID_ARGUMENT, message);
    }
}
