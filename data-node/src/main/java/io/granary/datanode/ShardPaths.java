package io.granary.datanode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The on-disk layout of a shard store: committed shard {@code id} lives at {@code root/ab/cd/id}, where
 * {@code ab} and {@code cd} are the id's first four characters (65,536 directories, so no directory grows
 * huge), and writes in progress live in {@code root/tmp}, whose 3-letter name no fan-out directory can
 * take. Paths are built only from validated {@link ShardId}s, and each result is checked to lie under the
 * root anyway. Listing walks the fan-out in name order, which is id order. Methods here block.
 */
final class ShardPaths {
    static final String TMP = "tmp";
    private static final String PART_SUFFIX = ".part";

    private final Path root;
    private final Path tmp;

    ShardPaths(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.tmp = this.root.resolve(TMP);
    }

    Path root() {
        return root;
    }

    Path tmpDir() {
        return tmp;
    }

    Path shardFile(ShardId id) {
        String v = id.value();
        return underRoot(root.resolve(v.substring(0, 2)).resolve(v.substring(2, 4)).resolve(v));
    }

    /** A fresh, unique name in the temp directory for a write of {@code id}. */
    Path tempFile(ShardId id) {
        return underRoot(tmp.resolve(id.value() + '.' + UUID.randomUUID() + PART_SUFFIX));
    }

    private Path underRoot(Path path) {
        Path normal = path.normalize();
        if (!normal.startsWith(root) || normal.equals(root)) {
            throw new ShardStoreException(ShardStoreException.Kind.INVALID_ARGUMENT, "path outside the store root");
        }
        return normal;
    }

    /** Committed shards with ids after {@code after} (null: all), in id order, at most {@code limit}. */
    List<ShardInfo> list(ShardId after, int limit) throws IOException {
        String cursor = after == null ? "" : after.value();
        List<ShardInfo> out = new ArrayList<>();
        String firstBound = cursor.isEmpty() ? "" : cursor.substring(0, 2);
        for (String first : sortedFanOut(root, firstBound)) {
            String secondBound = first.equals(firstBound) ? cursor.substring(2, 4) : "";
            for (String second : sortedFanOut(root.resolve(first), secondBound)) {
                Path dir = root.resolve(first).resolve(second);
                for (String name : sortedNames(dir)) {
                    if (!ShardId.isValid(name) || !name.startsWith(first + second) || name.compareTo(cursor) <= 0) {
                        continue;
                    }
                    ShardInfo info = infoOrNull(ShardId.parse(name));
                    if (info != null) out.add(info);
                    if (out.size() == limit) return out;
                }
            }
        }
        return out;
    }

    /** The committed shard's info, or null if it does not exist (e.g. deleted meanwhile). */
    ShardInfo infoOrNull(ShardId id) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(shardFile(id), BasicFileAttributes.class);
            return new ShardInfo(id, attributes.size(), attributes.lastModifiedTime().toInstant());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Two-character fan-out directory names not before {@code bound}. */
    private static List<String> sortedFanOut(Path dir, String bound) throws IOException {
        List<String> names = new ArrayList<>();
        for (String name : sortedNames(dir)) {
            if (name.length() == 2 && name.compareTo(bound) >= 0) names.add(name);
        }
        return names;
    }

    private static List<String> sortedNames(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
