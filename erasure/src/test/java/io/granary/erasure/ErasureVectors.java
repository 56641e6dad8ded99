package io.granary.erasure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** The shared known-answer files in {@code ${granary.shared.dir}/erasure-vectors}; a missing file fails. */
final class ErasureVectors {
    static final int CASE_COUNT = 29;

    /** One line of vectors-4-2.tsv: shards 0..5, data then parity. */
    record Case(String name, int shardSize, byte[][] shards) {
        byte[][] copy() {
            byte[][] copy = new byte[shards.length][];
            for (int i = 0; i < shards.length; i++) {
                copy[i] = shards[i].clone();
            }
            return copy;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private ErasureVectors() {
    }

    static List<Case> cases() {
        return rows("vectors-4-2.tsv").map(f -> {
            byte[][] shards = new byte[6][];
            for (int i = 0; i < 6; i++) {
                shards[i] = HexFormat.of().parseHex(f[2 + i]);
            }
            return new Case(f[0], Integer.parseInt(f[1]), shards);
        }).toList();
    }

    /** Tab-separated fields of every non-comment line of a fixture file. */
    static Stream<String[]> rows(String file) {
        String shared = System.getProperty("granary.shared.dir");
        if (shared == null) {
            throw new IllegalStateException("system property granary.shared.dir is not set (run through Maven)");
        }
        Path path = Path.of(shared, "erasure-vectors", file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("missing fixture " + path);
        }
        try {
            return Files.readAllLines(path).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("\t"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
