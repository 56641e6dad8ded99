package io.granary.metadata;

import org.rocksdb.WriteBatch;

/**
 * The mutations of one state change, collected by the stores through {@link Table#put} and
 * {@link Table#delete} and written atomically, with sync, by {@link Database#commit}. Owns one
 * native {@link WriteBatch}; always used in try-with-resources.
 */
public final class Batch implements AutoCloseable {

    private final WriteBatch writeBatch = new WriteBatch();

    WriteBatch writeBatch() {
        return writeBatch;
    }

    /** Number of puts and deletes collected so far. */
    public int size() {
        return writeBatch.count();
    }

    @Override
    public void close() {
        writeBatch.close();
    }
}
