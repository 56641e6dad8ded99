package io.granary.iam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A test fixture of the {@link IdentityStore} port: one file per record under a directory, named by
 * the URL-encoded record name, holding exactly the bytes the API node's RocksDB store would hold.
 * Lets iam's tests restart the service and look at what was persisted without depending on the
 * metadata module (the RocksDB-backed store is tested in api-node).
 */
final class FileIdentityStore implements IdentityStore {
    private final Path root;

    FileIdentityStore(Path root) {
        this.root = root;
    }

    @Override
    public SortedMap<String, byte[]> list(String prefix) {
        SortedMap<String, byte[]> found = new TreeMap<>();
        if (!Files.isDirectory(root)) return found;
        try (Stream<Path> files = Files.list(root)) {
            for (Path file : files.toList()) {
                String name = URLDecoder.decode(file.getFileName().toString(), StandardCharsets.UTF_8);
                if (name.startsWith(prefix)) found.put(name, Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    @Override
    public void write(Map<String, byte[]> puts, Collection<String> deletes) {
        try {
            Files.createDirectories(root);
            for (Map.Entry<String, byte[]> put : puts.entrySet()) {
                Files.write(file(put.getKey()), put.getValue());
            }
            for (String name : deletes) {
                Files.deleteIfExists(file(name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(String name) {
        return root.resolve(URLEncoder.encode(name, StandardCharsets.UTF_8));
    }
}
