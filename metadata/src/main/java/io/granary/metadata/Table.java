package io.granary.metadata;

import io.granary.metadata.store.MetadataException;
import io.granary.metadata.store.MetadataException.Reason;
import io.granary.records.Codec;
import java.util.function.Supplier;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * A typed view of one column family: point reads, mutations appended to a {@link Batch}, and
 * bounded cursors. Every decode failure becomes a {@link MetadataException} naming the column
 * family and the key, so corruption is never reported as a bare Jackson error.
 */
public final class Table<V> {

    private final RocksDB db;
    private final ColumnFamilyHandle handle;
    private final String name;
    private final Codec<V> codec;

    private final NativeGate gate;

    Table(RocksDB db, ColumnFamilyHandle handle, String name, Codec<V> codec, NativeGate gate) {
        this.gate = gate;
        this.db = db;
        this.handle = handle;
        this.name = name;
        this.codec = codec;
    }

    public String name() {
        return name;
    }

    /** The value at {@code key}, or null when absent. */
    public V get(byte[] key) {
        byte[] bytes;
        gate.enter();
        try {
            bytes = db.get(handle, key);
        } catch (RocksDBException e) {
            throw Database.storageError("read from " + name, e);
        } finally {
            gate.exit();
        }
        return bytes == null ? null : decode(() -> key, bytes);
    }

    public void put(Batch batch, byte[] key, V value) {
        byte[] bytes = codec.encode(value);
        gate.enter();
        try {
            batch.writeBatch().put(handle, key, bytes);
        } catch (RocksDBException e) {
            throw Database.storageError("batch put into " + name, e);
        } finally {
            gate.exit();
        }
    }

    public void delete(Batch batch, byte[] key) {
        gate.enter();
        try {
            batch.writeBatch().delete(handle, key);
        } catch (RocksDBException e) {
            throw Database.storageError("batch delete from " + name, e);
        } finally {
            gate.exit();
        }
    }

    /** A cursor over keys in [{@code lower}, {@code upper}); positioned at {@code lower}. */
    public Cursor<V> scan(byte[] lower, byte[] upper) {
        gate.enter();
        try {
            return new Cursor<>(this, db, handle, lower, upper, gate);
        } catch (RuntimeException e) {
            gate.exit();
            throw e;
        }
    }

    /**
     * The exact number of records, counted by walking the keys without decoding values: linear in the
     * family's size (about a second per few million keys), so for background passes and status, not requests.
     */
    public long count() {
        long count = 0;
        try (Cursor<V> cursor = scan(new byte[0], Keys.END)) {
            for (; cursor.valid(); cursor.next()) count++;
        }
        return count;
    }

    /** Decodes a value; {@code key} is only fetched to name the record in an error. */
    V decode(Supplier<byte[]> key, byte[] bytes) {
        try {
            return codec.decode(bytes);
        } catch (Codec.UnsupportedFormatException e) {
            throw new MetadataException(Reason.UNSUPPORTED_FORMAT, "record in column family " + name + " at key "
                    + Keys.describe(key.get()) + " has " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MetadataException(Reason.CORRUPT_RECORD, "corrupt record in column family " + name + " at key "
                    + Keys.describe(key.get()) + ": " + e.getMessage(), e);
        }
    }
}
