package io.granary.metadata;

import io.granary.metadata.model.GarbageTask;
import io.granary.metadata.model.HealTask;
import io.granary.metadata.store.BucketStore;
import io.granary.metadata.store.EventOutbox;
import io.granary.metadata.store.Guard;
import io.granary.metadata.store.NamedRecordStore;
import io.granary.metadata.store.MetadataException;
import io.granary.metadata.store.MetadataException.Reason;
import io.granary.metadata.store.MultipartStore;
import io.granary.metadata.store.ObjectStore;
import io.granary.metadata.store.QueueStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata database: opens RocksDB with every {@link Schema} column family, owns every
 * native handle (options, cache, filters, column families, the database) and frees them all in
 * {@link #close()}. Thread-safe; {@code close} refuses new calls and waits for those inside
 * RocksDB (and open cursors) before it frees anything.
 * A directory is open in at most one place at a time (RocksDB's LOCK file).
 */
public final class MetadataStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataStore.class);

    /** How long close waits for running calls: a synced commit takes milliseconds, a cursor page less. */
    static final long CLOSE_WAIT_MILLIS = 30_000;

    private final List<AutoCloseable> natives;
    private final NativeGate gate;
    private final RocksDB db;
    private final BucketStore buckets;
    private final ObjectStore objects;
    private final MultipartStore multipart;
    private final QueueStore<HealTask> healQueue;
    private final QueueStore<GarbageTask> garbageQueue;
    private final EventOutbox events;
    private final NamedRecordStore iam;
    private final NamedRecordStore cluster;

    private MetadataStore(List<AutoCloseable> natives, NativeGate gate, RocksDB db, Database database) {
        this.natives = natives;
        this.gate = gate;
        this.db = db;
        this.healQueue = new QueueStore<>(database, Schema.HEAL_QUEUE);
        this.garbageQueue = new QueueStore<>(database, Schema.GARBAGE_QUEUE);
        this.events = new EventOutbox(database);
        Guard guard = new Guard(database);
        this.objects = new ObjectStore(database, guard, healQueue, garbageQueue, events);
        this.multipart = new MultipartStore(database, guard, healQueue, garbageQueue, events);
        this.buckets = new BucketStore(database, guard, multipart);
        this.iam = new NamedRecordStore(database, Schema.IAM);
        this.cluster = new NamedRecordStore(database, Schema.CLUSTER);
    }

    /**
     * Opens (creating if needed) the database in {@code dir}.
     *
     * @throws MetadataException STORE_IN_USE if the directory is open elsewhere, UNSUPPORTED_FORMAT
     *     if it was written by a newer format, STORAGE_ERROR on other RocksDB failures
     */
    public static MetadataStore open(Path dir, MetadataOptions options) {
        RocksDB.loadLibrary();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new MetadataException(Reason.STORAGE_ERROR, "cannot create metadata directory " + dir, e);
        }
        checkNoUnknownFamilies(dir);
        List<AutoCloseable> natives = new ArrayList<>();
        try {
            return openWith(dir, options, natives);
        } catch (RuntimeException e) {
            closeAll(natives, e);
            throw e;
        }
    }

    private static MetadataStore openWith(Path dir, MetadataOptions options, List<AutoCloseable> natives) {
        Cache cache = own(natives, new LRUCache(options.blockCacheBytes()));
        BloomFilter bloom = own(natives, new BloomFilter(10));
        ColumnFamilyOptions pointOptions = own(natives, familyOptions(cache, bloom));
        ColumnFamilyOptions scanOptions = own(natives, familyOptions(cache, null));
        DBOptions dbOptions = own(natives, new DBOptions().setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true).setMaxBackgroundJobs(options.maxBackgroundJobs())
                .setBytesPerSync(1 << 20).setEnablePipelinedWrite(true));
        WriteOptions writeOptions = own(natives, new WriteOptions().setSync(options.syncWrites()));
        WriteOptions unsynced = own(natives, new WriteOptions().setSync(false));
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, scanOptions));
        for (Schema.Family<?> family : Schema.ALL) {
            descriptors.add(new ColumnFamilyDescriptor(family.name().getBytes(StandardCharsets.UTF_8),
                    family.pointLookups() ? pointOptions : scanOptions));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        RocksDB db;
        try {
            db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
        } catch (RocksDBException e) {
            throw openFailure(dir, e);
        }
        // Handles are closed before the database, the database before its options.
        List<AutoCloseable> ordered = new ArrayList<>(handles);
        ordered.add(db);
        natives.addAll(0, ordered);
        NativeGate gate = new NativeGate();
        Map<String, Table<?>> tables = new HashMap<>();
        for (int i = 0; i < Schema.ALL.size(); i++) {
            tables.put(Schema.ALL.get(i).name(), table(db, handles.get(i + 1), Schema.ALL.get(i), gate));
        }
        Database database = new Database(db, writeOptions, unsynced, tables, options, gate);
        checkFormatVersion(database, dir);
        return new MetadataStore(natives, gate, db, database);
    }

    private static <V> Table<V> table(RocksDB db, ColumnFamilyHandle handle, Schema.Family<V> family,
                                      NativeGate gate) {
        return new Table<>(db, handle, family.name(), family.codec(), gate);
    }

    private static ColumnFamilyOptions familyOptions(Cache cache, BloomFilter bloom) {
        BlockBasedTableConfig table = new BlockBasedTableConfig().setBlockCache(cache).setBlockSize(16 * 1024)
                .setCacheIndexAndFilterBlocks(true).setPinL0FilterAndIndexBlocksInCache(true);
        if (bloom != null) table.setFilterPolicy(bloom);
        // LZ4 is cheap enough for the hot upper levels; ZSTD where most bytes end up.
        return new ColumnFamilyOptions().setTableFormatConfig(table)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION)
                .setLevelCompactionDynamicLevelBytes(true);
    }

    private static void checkNoUnknownFamilies(Path dir) {
        if (!Files.exists(dir.resolve("CURRENT"))) return;
        Set<String> known = Schema.ALL.stream().map(Schema.Family::name).collect(Collectors.toSet());
        known.add("default");
        try (Options listOptions = new Options()) {
            for (byte[] name : RocksDB.listColumnFamilies(listOptions, dir.toString())) {
                String family = new String(name, StandardCharsets.UTF_8);
                if (!known.contains(family)) {
                    throw new MetadataException(Reason.UNSUPPORTED_FORMAT, "metadata directory " + dir
                            + " has column family '" + family + "' unknown to this version");
                }
            }
        } catch (RocksDBException e) {
            throw openFailure(dir, e);
        }
    }

    private static void checkFormatVersion(Database database, Path dir) {
        Table<Long> system = database.table(Schema.SYSTEM);
        byte[] key = Keys.utf8(Schema.FORMAT_VERSION_KEY);
        Long stored = system.get(key);
        if (stored == null || stored < Schema.DB_FORMAT_VERSION && stored >= Schema.DB_FORMAT_OLDEST_UPGRADABLE) {
            try (Batch batch = new Batch()) {
                int framed = stored == null ? 0 : UnframedRecordUpgrade.frame(database, batch);
                system.put(batch, key, Schema.DB_FORMAT_VERSION);
                database.commit(batch);
                if (stored != null) {
                    LOG.info("metadata directory {} upgraded from format {} to {} ({} iam/cluster records framed)",
                            dir, stored, Schema.DB_FORMAT_VERSION, framed);
                }
            }
        } else if (stored != Schema.DB_FORMAT_VERSION) {
            throw new MetadataException(Reason.UNSUPPORTED_FORMAT, "metadata directory " + dir + " has format version "
                    + stored + "; this code reads version " + Schema.DB_FORMAT_VERSION);
        }
    }

    private static MetadataException openFailure(Path dir, RocksDBException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("LOCK") || message.toLowerCase(Locale.ROOT).contains("lock hold")) {
            return new MetadataException(Reason.STORE_IN_USE, "metadata directory " + dir
                    + " is in use by another process or store (RocksDB LOCK held): " + message, e);
        }
        return new MetadataException(Reason.STORAGE_ERROR, "cannot open metadata directory " + dir + ": " + message, e);
    }

    private static <T extends AutoCloseable> T own(List<AutoCloseable> natives, T handle) {
        natives.add(handle);
        return handle;
    }

    private static void closeAll(List<AutoCloseable> natives, RuntimeException failure) {
        for (AutoCloseable handle : natives) {
            try {
                handle.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }

    public BucketStore buckets() {
        return buckets;
    }

    public ObjectStore objects() {
        return objects;
    }

    public MultipartStore multipart() {
        return multipart;
    }

    public QueueStore<HealTask> healQueue() {
        return healQueue;
    }

    public QueueStore<GarbageTask> garbageQueue() {
        return garbageQueue;
    }

    /** The IAM module's opaque records. */
    /** The webhook events waiting for their targets, and their dead letters. */
    public EventOutbox events() {
        return events;
    }

    public NamedRecordStore iam() {
        return iam;
    }

    /** The API node's cluster state (membership, heal checkpoints), opaque to this module. */
    public NamedRecordStore cluster() {
        return cluster;
    }

    /**
     * Writes a consistent RocksDB checkpoint (hard-linked SST files plus a copy of the rest) to
     * {@code target}, which must not exist yet. The admin copies it away as a backup.
     */
    public void checkpoint(Path target) {
        gate.enter();
        try (Checkpoint checkpoint = Checkpoint.create(db)) {
            checkpoint.createCheckpoint(target.toString());
        } catch (RocksDBException e) {
            throw new MetadataException(Reason.STORAGE_ERROR, "checkpoint to " + target + " failed: "
                    + e.getMessage(), e);
        } finally {
            gate.exit();
        }
    }

    /**
     * Frees every native handle once the calls running inside RocksDB have returned (up to
     * {@link #CLOSE_WAIT_MILLIS}); later calls on the stores fail with STORAGE_ERROR. Idempotent.
     */
    @Override
    public void close() {
        if (!gate.close(CLOSE_WAIT_MILLIS)) return;
        RuntimeException failure = new MetadataException(Reason.STORAGE_ERROR, "closing the metadata store failed");
        closeAll(natives, failure);
        if (failure.getSuppressed().length > 0) throw failure;
    }
}
