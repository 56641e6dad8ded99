package io.granary.api.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The files the embedded server's six data nodes hold ({@code node-1} .. {@code node-6} under the data
 * directory), committed shards and writes in progress alike, so tests can see which files an upload
 * created without asking the server. Committed shard files are named {@code <set id>-NN}.
 */
final class ShardFiles {
    static final int NODES = 6;
    private static final String SEGMENTS = "segments";

    private ShardFiles() {
    }

    /**
     * Every regular file under the node directories, but the segment volume's: its open segment exists
     * before any small shard is written (tests of segment-stored shards use {@code SegmentShards}).
     */
    static Set<Path> all(Path dataDir) {
        Set<Path> files = new TreeSet<>();
        for (int node = 1; node <= NODES; node++) {
            Path root = dataDir.resolve("node-" + node);
            if (!Files.isDirectory(root)) continue;
            files.addAll(walk(root));
        }
        return files;
    }

    /** One node's files; a walk that meets a file deleted under it (a temp file cleaned up) starts over. */
    private static Set<Path> walk(Path root) {
        while (true) {
            try (Stream<Path> walk = Files.walk(root)) {
                return walk.filter(Files::isRegularFile).filter(p -> !p.startsWith(root.resolve(SEGMENTS)))
                        .collect(Collectors.toSet());
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof NoSuchFileException)) throw e;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Committed shard files ({@code <set id>-NN}) under one node's directory. */
    static long committedShards(Path nodeDir) throws IOException {
        try (Stream<Path> walk = Files.walk(nodeDir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches("[0-9a-z]{26}-\\d{2}")).count();
        }
    }

    /** Files present now that were not in {@code before}. */
    static Set<Path> createdSince(Path dataDir, Set<Path> before) {
        Set<Path> now = all(dataDir);
        now.removeAll(before);
        return now;
    }

    /**
     * Waits up to {@code millis} for every file created since {@code before} to disappear (aborted
     * writes are cleaned up asynchronously) and returns those that remain.
     */
    static Set<Path> leftoverAfter(Path dataDir, Set<Path> before, long millis) throws InterruptedException {
        try {
            await().atMost(Duration.ofMillis(millis)).pollInterval(Duration.ofMillis(50))
                    .until(() -> createdSince(dataDir, before).isEmpty());
        } catch (ConditionTimeoutException e) {
            // The caller reports what is left.
        }
        return createdSince(dataDir, before);
    }
}
