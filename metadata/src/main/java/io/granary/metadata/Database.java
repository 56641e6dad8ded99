package io.granary.metadata;

import io.granary.metadata.store.MetadataException;
import io.granary.metadata.store.MetadataException.Reason;
import java.util.Map;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.rocksdb.WriteOptions;

/**
 * What the stores see of the open database: one {@link Table} per {@link Schema} family, the
 * commit of a {@link Batch}, the options and the locks. The native handles behind it belong to
 * {@link MetadataStore}, which builds this once per open.
 */
public final class Database {

    private final RocksDB db;
    private final WriteOptions writeOptions;
    private final WriteOptions unsynced;
    private final Map<String, Table<?>> tables;
    private final MetadataOptions options;
    private final StripedLocks locks = new StripedLocks(64, 4096);

    private final NativeGate gate;

    Database(RocksDB db, WriteOptions writeOptions, WriteOptions unsynced, Map<String, Table<?>> tables,
             MetadataOptions options, NativeGate gate) {
        this.gate = gate;
        this.db = db;
        this.writeOptions = writeOptions;
        this.unsynced = unsynced;
        this.tables = Map.copyOf(tables);
        this.options = options;
    }

    @SuppressWarnings("unchecked")
    public <V> Table<V> table(Schema.Family<V> family) {
        return (Table<V>) tables.get(family.name());
    }

    public MetadataOptions options() {
        return options;
    }

    public StripedLocks locks() {
        return locks;
    }

    /** Writes the batch atomically; with {@code syncWrites}, durable when this returns. */
    public void commit(Batch batch) {
        commit(batch, writeOptions);
    }

    /**
     * Writes the batch atomically without waiting for its fsync: for changes a crash may undo because they are
     * redone anyway (a webhook delivery's acknowledgement: the event is sent again).
     */
    public void commitUnsynced(Batch batch) {
        commit(batch, unsynced);
    }

    private void commit(Batch batch, WriteOptions how) {
        gate.enter();
        try {
            db.write(how, batch.writeBatch());
        } catch (RocksDBException e) {
            throw storageError("commit", e);
        } finally {
            gate.exit();
        }
        batch.committed();
    }

    /**
     * A RocksDB failure as a store exception: out of space (also every write refused afterwards while RocksDB
     * waits for space, which repeats that error) is NO_SPACE, the rest STORAGE_ERROR.
     */
    static MetadataException storageError(String what, RocksDBException e) {
        Status status = e.getStatus();
        boolean noSpace = status != null && status.getSubCode() == Status.SubCode.NoSpace
                || String.valueOf(e.getMessage()).contains("No space left");
        return new MetadataException(noSpace ? Reason.NO_SPACE : Reason.STORAGE_ERROR, "metadata " + what
                + " failed: " + e.getMessage(), e);
    }
}
