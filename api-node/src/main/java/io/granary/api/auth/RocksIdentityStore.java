package io.granary.api.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.granary.iam.AccessKey;
import io.granary.iam.IdentityStore;
import io.granary.iam.ManagedPolicy;
import io.granary.iam.User;
import io.granary.metadata.store.NamedRecordStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * IAM's persistence port over the {@code iam} column family of the metadata store. Every record is
 * also mirrored in memory, loaded once at startup: identity lookups run on the request path (event
 * loop) and must not touch RocksDB there. IAM data is small (users, keys, policies), and every change
 * is written to RocksDB before the mirror, so a failed write changes nothing.
 */
public final class RocksIdentityStore implements IdentityStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NamedRecordStore store;
    private final Kind<User> users;
    private final Kind<AccessKey> keys;
    private final Kind<ManagedPolicy> policies;

    public RocksIdentityStore(NamedRecordStore store) {
        this.store = store;
        this.users = new Kind<>("user/", User.class, User::userId);
        this.keys = new Kind<>("key/", AccessKey.class, AccessKey::accessKeyId);
        this.policies = new Kind<>("policy/", ManagedPolicy.class, ManagedPolicy::name);
    }

    @Override
    public Optional<User> findUser(String userId) {
        return users.find(userId);
    }

    @Override
    public List<User> listUsers() {
        return users.list();
    }

    @Override
    public void putUser(User user) {
        users.put(user);
    }

    @Override
    public void deleteUser(String userId) {
        users.delete(userId);
    }

    @Override
    public Optional<AccessKey> findAccessKey(String accessKeyId) {
        return keys.find(accessKeyId);
    }

    @Override
    public List<AccessKey> listAccessKeys() {
        return keys.list();
    }

    @Override
    public void putAccessKey(AccessKey key) {
        keys.put(key);
    }

    @Override
    public void deleteAccessKey(String accessKeyId) {
        keys.delete(accessKeyId);
    }

    @Override
    public Optional<ManagedPolicy> findPolicy(String name) {
        return policies.find(name);
    }

    @Override
    public List<ManagedPolicy> listPolicies() {
        return policies.list();
    }

    @Override
    public void putPolicy(ManagedPolicy policy) {
        policies.put(policy);
    }

    @Override
    public void deletePolicy(String name) {
        policies.delete(name);
    }

    /** One record kind: its key prefix in the column family, its type and its id. */
    private final class Kind<T> {
        private final String prefix;
        private final Class<T> type;
        private final Function<T, String> id;
        private final Map<String, T> mirror = new ConcurrentHashMap<>();

        Kind(String prefix, Class<T> type, Function<T, String> id) {
            this.prefix = prefix;
            this.type = type;
            this.id = id;
            for (Map.Entry<String, byte[]> entry : store.list(prefix).entrySet()) {
                try {
                    mirror.put(entry.getKey().substring(prefix.length()), JSON.readValue(entry.getValue(), type));
                } catch (IOException e) {
                    throw new UncheckedIOException("unreadable IAM record " + entry.getKey(), e);
                }
            }
        }

        Optional<T> find(String key) {
            return Optional.ofNullable(mirror.get(key));
        }

        List<T> list() {
            return List.copyOf(mirror.values());
        }

        void put(T record) {
            try {
                store.put(prefix + id.apply(record), JSON.writeValueAsBytes(record));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("cannot serialise " + type.getSimpleName(), e);
            }
            mirror.put(id.apply(record), record);
        }

        void delete(String key) {
            store.delete(prefix + key);
            mirror.remove(key);
        }
    }
}
