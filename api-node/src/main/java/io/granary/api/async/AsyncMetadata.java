package io.granary.api.async;

import io.granary.metadata.MetadataStore;
import io.vertx.core.Future;
import java.util.function.Function;

/**
 * The only way handlers reach the metadata store: every call runs on the {@code granary-meta} pool,
 * never on an event loop, and its outcome (value or {@code MetadataException}) comes back as a Future.
 */
public final class AsyncMetadata {
    private final MetadataStore store;
    private final Pools pools;

    public AsyncMetadata(MetadataStore store, Pools pools) {
        this.store = store;
        this.pools = pools;
    }

    /** Runs {@code call} against the store on the metadata pool. */
    public <T> Future<T> call(Function<MetadataStore, T> call) {
        return pools.meta(() -> call.apply(store));
    }

    /** The store itself, for startup and shutdown code that is allowed to block. */
    public MetadataStore blocking() {
        return store;
    }
}
