package io.granary.api.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Searches an embedded server's files for bytes that must (or must not) be stored there. */
final class DataFiles {

    private DataFiles() {
    }

    /** Whether any file under {@code dir} (data nodes, metadata, everything) holds {@code marker}. */
    static boolean anyHolds(Path dir, byte[] marker) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (holds(file, marker)) return true;
            }
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) throw e;
        }
        return false;
    }

    private static boolean holds(Path file, byte[] marker) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException gone) {
            return false;
        }
        outer:
        for (int i = 0; i + marker.length <= bytes.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (bytes[i + j] != marker[j]) continue outer;
            }
            return true;
        }
        return false;
    }
}
