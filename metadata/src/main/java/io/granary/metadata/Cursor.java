package io.granary.metadata;

import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * A forward iterator over one column family, bounded below by a seek and above by an
 * upper-bound {@link Slice}, so RocksDB never reads past the range. Owns its native read
 * options, slice and iterator; always used in try-with-resources. An open cursor holds the
 * store's {@link NativeGate}, so the database is not freed under it.
 */
public final class Cursor<V> implements AutoCloseable {

    private final Table<V> table;
    private final Slice upperBound;
    private final ReadOptions readOptions;
    private final RocksIterator iterator;
    private final NativeGate gate;
    private boolean closed;

    Cursor(Table<V> table, RocksDB db, ColumnFamilyHandle handle, byte[] lower, byte[] upper, NativeGate gate) {
        this.table = table;
        this.gate = gate;
        this.upperBound = new Slice(upper);
        this.readOptions = new ReadOptions().setIterateUpperBound(upperBound);
        this.iterator = db.newIterator(handle, readOptions);
        iterator.seek(lower);
    }

    /** Moves to the first key at or after {@code target}; past the upper bound the cursor is invalid. */
    public void seek(byte[] target) {
        iterator.seek(target);
    }

    /** Whether the cursor is on a key; an iteration error surfaces here rather than ending the scan early. */
    public boolean valid() {
        if (iterator.isValid()) return true;
        try {
            iterator.status();
        } catch (RocksDBException e) {
            throw Database.storageError("iterate " + table.name(), e);
        }
        return false;
    }

    public byte[] key() {
        return iterator.key();
    }

    public V value() {
        return table.decode(iterator::key, iterator.value());
    }

    public void next() {
        iterator.next();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            iterator.close();
            readOptions.close();
            upperBound.close();
        } finally {
            gate.exit();
        }
    }
}
