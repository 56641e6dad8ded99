package io.granary.api.auth;

import io.granary.iam.IdentityStore;
import io.granary.metadata.store.NamedRecordStore;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;

/**
 * IAM's persistence port over the {@code iam} column family of the metadata store. The records'
 * format is the iam module's; IAM reads them all once when it opens and keeps its own in-memory
 * mirror, so nothing here runs on the request path. Each write is one synced batch.
 */
public final class RocksIdentityStore implements IdentityStore {
    private final NamedRecordStore store;

    public RocksIdentityStore(NamedRecordStore store) {
        this.store = store;
    }

    @Override
    public SortedMap<String, byte[]> list(String prefix) {
        return store.list(prefix);
    }

    @Override
    public void write(Map<String, byte[]> puts, Collection<String> deletes) {
        store.write(puts, deletes);
    }
}
