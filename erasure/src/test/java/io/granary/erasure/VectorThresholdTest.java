package io.granary.erasure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The default vector codec sends short shards to scalar code; parity must not depend on the route. */
class VectorThresholdTest {

    @ParameterizedTest(name = "{0} bytes per shard")
    @ValueSource(ints = {1, 1000, VectorReedSolomon.MIN_VECTOR_LENGTH - 1, VectorReedSolomon.MIN_VECTOR_LENGTH,
        VectorReedSolomon.MIN_VECTOR_LENGTH + 63, 3 * VectorReedSolomon.MIN_VECTOR_LENGTH + 5})
    void defaultCodecMatchesTheAlwaysVectorCodecAroundTheThreshold(int size) {
        byte[][] viaDefault = new byte[6][size];
        Random random = new Random(size);
        for (int i = 0; i < 4; i++) {
            random.nextBytes(viaDefault[i]);
        }
        byte[][] viaVector = new byte[6][];
        for (int i = 0; i < 6; i++) {
            viaVector[i] = viaDefault[i].clone();
        }
        new VectorReedSolomon(4, 2).encode(viaDefault);
        new VectorReedSolomon(4, 2, 0).encode(viaVector);
        for (int i = 4; i < 6; i++) {
            assertArrayEquals(viaVector[i], viaDefault[i], "parity shard " + i);
        }
    }
}
