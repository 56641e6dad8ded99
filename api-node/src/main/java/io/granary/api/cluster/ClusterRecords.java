package io.granary.api.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.granary.metadata.MetadataStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The API node's own records in the metadata store's {@code cluster} family (data-node membership, the
 * full heal's checkpoint), as JSON. Blocking: call on the metadata pool or at startup.
 */
public final class ClusterRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterRecords() {
    }

    public static <T> Optional<T> read(MetadataStore store, String name, Class<T> type) {
        return store.cluster().get(name).map(bytes -> {
            try {
                return JSON.readValue(bytes, type);
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable cluster record " + name, e);
            }
        });
    }

    public static void write(MetadataStore store, String name, Object value) {
        try {
            store.cluster().put(name, JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode cluster record " + name, e);
        }
    }
}
