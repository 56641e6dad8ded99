package io.granary.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.rocksdb.WriteBatch;

/**
 * The mutations of one state change, collected by the stores through {@link Table#put} and
 * {@link Table#delete} and written atomically, with sync, by {@link Database#commit}. Owns one
 * native {@link WriteBatch}; always used in try-with-resources.
 */
public final class Batch implements AutoCloseable {

    private final WriteBatch writeBatch = new WriteBatch();
    private final List<Consumer<Boolean>> atClose = new ArrayList<>();
    private boolean committed;

    WriteBatch writeBatch() {
        return writeBatch;
    }

    /** Number of puts and deletes collected so far. */
    public int size() {
        return writeBatch.count();
    }

    /** Runs {@code action} when this batch is closed, with whether it was committed. */
    public void onClose(Consumer<Boolean> action) {
        atClose.add(action);
    }

    void committed() {
        committed = true;
    }

    @Override
    public void close() {
        atClose.forEach(action -> action.accept(committed));
        writeBatch.close();
    }
}
