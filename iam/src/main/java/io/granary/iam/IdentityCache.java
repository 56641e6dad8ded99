package io.granary.iam;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bounded, least-recently-used cache of resolved identities (decrypted secrets), so that
 * authenticating a request costs no store read and no AES-GCM decryption. Thread-safe.
 */
final class IdentityCache {
    private final Map<String, Identity> entries;

    IdentityCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Identity> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Optional<Identity> get(String accessKeyId) {
        return Optional.ofNullable(entries.get(accessKeyId));
    }

    synchronized void put(Identity identity) {
        entries.put(identity.accessKeyId(), identity);
    }

    synchronized void invalidate(String accessKeyId) {
        entries.remove(accessKeyId);
    }

    synchronized int size() {
        return entries.size();
    }
}
