package io.granary.api.cluster;

import io.granary.metadata.MetadataStore;
import io.granary.records.VersionedJsonCodec;
import java.util.Optional;

/**
 * One of the API node's own records in the metadata store's {@code cluster} family (data-node membership, the
 * heal and lifecycle checkpoints): its name and its versioned codec. Blocking: call on the metadata pool or at
 * startup.
 */
public final class ClusterRecord<T> {
    private final String name;
    private final VersionedJsonCodec<T> codec;

    private ClusterRecord(String name, VersionedJsonCodec<T> codec) {
        this.name = name;
        this.codec = codec;
    }

    /** A record kind still at its first format version. */
    public static <T> ClusterRecord<T> v1(String name, Class<T> type) {
        return new ClusterRecord<>(name, VersionedJsonCodec.v1(type));
    }

    /** @throws IllegalStateException naming the record when its bytes cannot be read by this code */
    public Optional<T> read(MetadataStore store) {
        return store.cluster().get(name).map(bytes -> {
            try {
                return codec.decode(bytes);
            } catch (RuntimeException e) {
                throw new IllegalStateException("unreadable cluster record " + name + ": " + e.getMessage(), e);
            }
        });
    }

    public void write(MetadataStore store, T value) {
        store.cluster().put(name, codec.encode(value));
    }

    public void delete(MetadataStore store) {
        store.cluster().delete(name);
    }
}
