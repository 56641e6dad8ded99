package io.granary.bench.iam;

import io.granary.iam.IdentityStore;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real {@link IdentityStore} that counts its reads, so a benchmark can show that request-path lookups (credential,
 * session token, identity policies) are served from IAM's in-memory mirror and never reach RocksDB.
 */
final class ReadCountingStore implements IdentityStore {
    private final IdentityStore store;
    private final AtomicLong reads = new AtomicLong();

    ReadCountingStore(IdentityStore store) {
        this.store = store;
    }

    /** How many times {@link #list(String)} has been called. */
    long reads() {
        return reads.get();
    }

    /** Throws unless no read happened since {@code readsBefore} (a {@link #reads()} value). */
    void requireNoReadsSince(long readsBefore) {
        long since = reads() - readsBefore;
        if (since != 0) throw new IllegalStateException("IAM read the identity store " + since + " times");
    }

    @Override
    public SortedMap<String, byte[]> list(String prefix) {
        reads.incrementAndGet();
        return store.list(prefix);
    }

    @Override
    public void write(Map<String, byte[]> puts, Collection<String> deletes) {
        store.write(puts, deletes);
    }
}
