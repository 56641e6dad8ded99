package io.granary.datanode;

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
import java.util.concurrent.Callable;
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

    private final Vertx vertx;
    private final WorkerExecutor disk;
    private final ShardPaths paths;
    private final FileStore fileStore;
    private final AtomicLong shardCount;
    private final AtomicLong shardBytes;

    private LocalShardStore(Vertx vertx, WorkerExecutor disk, ShardPaths paths, FileStore fileStore,
                            long[] counts) {
        this.vertx = vertx;
        this.disk = disk;
        this.paths = paths;
        this.fileStore = fileStore;
        this.shardCount = new AtomicLong(counts[0]);
        this.shardBytes = new AtomicLong(counts[1]);
    }

    /**
     * Opens (creating if needed) the store under {@code root}: removes temp files left by a crash and counts
     * the committed shards. {@code disk} runs all blocking file work; size it to the disk's queue depth.
     */
    public static Future<LocalShardStore> open(Vertx vertx, Path root, WorkerExecutor disk) {
        return disk.executeBlocking(() -> {
            ShardPaths paths = new ShardPaths(root);
            Files.createDirectories(paths.tmpDir());
            int removed = removeTempFiles(paths.tmpDir());
            if (removed > 0) LOG.info("removed {} unfinished shard write(s) from {}", removed, paths.tmpDir());
            long[] counts = countShards(paths);
            return new LocalShardStore(vertx, disk, paths, Files.getFileStore(paths.root()), counts);
        }, false);
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
        if (length < 0) return Future.failedFuture(invalid("negative shard length " + length));
        io.vertx.core.Context context = vertx.getOrCreateContext();
        return blocking("open write of shard " + id, () -> {
            if (Files.exists(paths.shardFile(id))) throw alreadyExists(id);
            if (fileStore.getUsableSpace() < length) {
                throw new ShardStoreException(ShardStoreException.Kind.NO_SPACE, "no room for shard " + id + " ("
                        + length + " bytes, " + fileStore.getUsableSpace() + " free)");
            }
            Path temp = paths.tempFile(id);
            FileChannel channel;
            try {
                channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (NoSuchFileException e) {
                // The directory was emptied under us (a replaced disk): start it afresh, as at open.
                createDirectories(paths.tmpDir());
                channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
            return new LocalShardWriter(this, context, id, length, temp, channel);
        });
    }

    @Override
    public Future<ReadStream<Buffer>> read(ShardId id, long offset, long length) {
        io.vertx.core.Context context = vertx.getOrCreateContext();
        return blocking("read of shard " + id, () -> {
            FileChannel channel = openForRead(id);
            try {
                FrameLayout layout = FrameLayout.read(channel, id);
                layout.checkRange(id, offset, length);
                return new FrameReadStream(context, disk, id, channel, layout, offset, offset + length);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        });
    }

    @Override
    public Future<ShardInfo> stat(ShardId id) {
        return blocking("stat of shard " + id, () -> {
            ShardInfo info = paths.infoOrNull(id);
            if (info == null) throw notFound(id);
            return info;
        });
    }

    @Override
    public Future<Void> delete(ShardId id) {
        return blocking("delete of shard " + id, () -> {
            Path file = paths.shardFile(id);
            ShardInfo info = paths.infoOrNull(id);
            if (info == null) return null;
            try {
                Files.delete(file);
            } catch (NoSuchFileException raced) {
                return null;
            }
            fsyncDirectory(file.getParent());
            shardCount.decrementAndGet();
            shardBytes.addAndGet(-info.length());
            return null;
        });
    }

    @Override
    public Future<ShardPage> list(ShardId after, int limit) {
        if (limit <= 0) return Future.failedFuture(invalid("list limit must be positive"));
        return blocking("list of shards", () -> {
            var shards = paths.list(after, limit);
            return new ShardPage(shards, shards.size() == limit ? shards.get(limit - 1).id() : null);
        });
    }

    @Override
    public Future<NodeHealth> health() {
        return blocking("health", () -> new NodeHealth(fileStore.getTotalSpace(), fileStore.getUsableSpace(),
                shardCount.get(), shardBytes.get()));
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

    /** Creates missing fan-out directories, fsyncing the parent of each one created. */
    private void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        createDirectories(dir.getParent());
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        fsyncDirectory(dir.getParent());
    }

    private static void fsyncDirectory(Path dir) throws IOException {
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

    private static long[] countShards(ShardPaths paths) throws IOException {
        long count = 0;
        long bytes = 0;
        ShardId after = null;
        while (true) {
            var page = paths.list(after, 10_000);
            for (ShardInfo info : page) {
                count++;
                bytes += info.length();
            }
            if (page.size() < 10_000) return new long[] {count, bytes};
            after = page.get(page.size() - 1).id();
        }
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
