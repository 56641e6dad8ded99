package io.granary.metadata;

import java.util.ArrayList;
import java.util.List;
import org.rocksdb.WriteBatch;

/**
 * The mutations of one state change, collected by the stores through {@link Table#put} and
 * {@link Table#delete} and written atomically, with sync, by {@link Database#commit}. Owns one
 * native {@link WriteBatch}; always used in try-with-resources.
 */
public final class Batch implements AutoCloseable {

    private final WriteBatch writeBatch = new WriteBatch();
    private final List<Runnable> afterCommit = new ArrayList<>();

    WriteBatch writeBatch() {
        return writeBatch;
    }

    /** Number of puts and deletes collected so far. */
    public int size() {
        return writeBatch.count();
    }

    /** Runs {@code action} once this batch has committed (never when the commit fails). */
    public void onCommit(Runnable action) {
        afterCommit.add(action);
    }

    void committed() {
        afterCommit.forEach(Runnable::run);
    }

    @Override
    public void close() {
        writeBatch.close();
    }
}
