package io.granary.erasure;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Both codec implementations, constructed directly, so every parameterised test runs on each. */
enum CodecKind {
    SCALAR, VECTOR;

    ReedSolomon create(int dataShards, int parityShards) {
        return switch (this) {
            case SCALAR -> new ScalarReedSolomon(dataShards, parityShards);
            case VECTOR -> new VectorReedSolomon(dataShards, parityShards, 0);
        };
    }

    /** Every (implementation, argument) pair. */
    static Stream<Arguments> crossedWith(Object... values) {
        return Arrays.stream(values()).flatMap(kind -> Arrays.stream(values).map(v -> Arguments.of(kind, v)));
    }
}
