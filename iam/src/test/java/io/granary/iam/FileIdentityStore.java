package io.granary.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A test fixture of the {@link IdentityStore} port: one Jackson JSON file per record under a
 * directory, the way the API node's RocksDB store holds one JSON value per key. Lets tests look at
 * exactly the bytes that were persisted.
 */
final class FileIdentityStore implements IdentityStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path root;

    FileIdentityStore(Path root) {
        this.root = root;
    }

    @Override
    public Optional<User> findUser(String userId) {
        return read("users", userId, User.class);
    }

    @Override
    public List<User> listUsers() {
        return list("users", User.class);
    }

    @Override
    public void putUser(User user) {
        write("users", user.userId(), user);
    }

    @Override
    public void deleteUser(String userId) {
        delete("users", userId);
    }

    @Override
    public Optional<AccessKey> findAccessKey(String accessKeyId) {
        return read("keys", accessKeyId, AccessKey.class);
    }

    @Override
    public List<AccessKey> listAccessKeys() {
        return list("keys", AccessKey.class);
    }

    @Override
    public void putAccessKey(AccessKey key) {
        write("keys", key.accessKeyId(), key);
    }

    @Override
    public void deleteAccessKey(String accessKeyId) {
        delete("keys", accessKeyId);
    }

    @Override
    public Optional<ManagedPolicy> findPolicy(String name) {
        return read("policies", name, ManagedPolicy.class);
    }

    @Override
    public List<ManagedPolicy> listPolicies() {
        return list("policies", ManagedPolicy.class);
    }

    @Override
    public void putPolicy(ManagedPolicy policy) {
        write("policies", policy.name(), policy);
    }

    @Override
    public void deletePolicy(String name) {
        delete("policies", name);
    }

    private synchronized <T> Optional<T> read(String kind, String id, Class<T> type) {
        Path file = root.resolve(kind).resolve(id + ".json");
        try {
            return Files.exists(file) ? Optional.of(JSON.readValue(file.toFile(), type)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized <T> List<T> list(String kind, Class<T> type) {
        Path dir = root.resolve(kind);
        if (!Files.isDirectory(dir)) return List.of();
        List<T> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                out.add(JSON.readValue(file.toFile(), type));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private synchronized void write(String kind, String id, Object record) {
        try {
            Files.createDirectories(root.resolve(kind));
            JSON.writeValue(root.resolve(kind).resolve(id + ".json").toFile(), record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void delete(String kind, String id) {
        try {
            Files.deleteIfExists(root.resolve(kind).resolve(id + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
