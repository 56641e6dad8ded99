package io.granary.erasure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ReedSolomonTest {

    static Stream<Arguments> knownAnswers() {
        List<ErasureVectors.Case> cases = ErasureVectors.cases();
        assertEquals(ErasureVectors.CASE_COUNT, cases.size());
        return CodecKind.crossedWith(cases.toArray());
    }

    /** No loss, then the 21 patterns of one or two lost shards out of six (6 + 15). */
    static List<int[]> lossPatterns() {
        List<int[]> patterns = new ArrayList<>();
        patterns.add(new int[0]);
        for (int a = 0; a < 6; a++) {
            patterns.add(new int[] {a});
        }
        for (int a = 0; a < 6; a++) {
            for (int b = a + 1; b < 6; b++) {
                patterns.add(new int[] {a, b});
            }
        }
        return patterns;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("knownAnswers")
    void parityIsByteExactForKnownAnswerCase(CodecKind kind, ErasureVectors.Case vector) {
        ReedSolomon codec = kind.create(4, 2);
        byte[][] shards = vector.copy();
        shards[4] = new byte[vector.shardSize()];
        shards[5] = new byte[vector.shardSize()];
        codec.encode(shards);
        assertArrayEquals(vector.shards()[4], shards[4], "p0");
        assertArrayEquals(vector.shards()[5], shards[5], "p1");
        assertTrue(codec.verify(vector.shards()));
        ByteBuffer[] buffers = buffers(vector.copy(), true, 3);
        codec.encode(buffers);
        assertEquals(ByteBuffer.wrap(vector.shards()[5]), buffers[5]);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("knownAnswers")
    void everyLossOfAtMostTwoShardsRebuildsKnownAnswerCase(CodecKind kind, ErasureVectors.Case vector)
            throws TooFewShardsException {
        assertEquals(1 + 21, lossPatterns().size());
        assertEveryLossPatternRebuilds(kind.create(4, 2), vector.shards());
    }

    @ParameterizedTest(name = "{0} {1} bytes")
    @MethodSource("randomSizes")
    void everyLossOfAtMostTwoShardsRebuildsRandomData(CodecKind kind, int size) throws TooFewShardsException {
        ReedSolomon codec = kind.create(4, 2);
        byte[][] shards = random(6, size, size);
        codec.encode(shards);
        assertEveryLossPatternRebuilds(codec, shards);
    }

    static Stream<Arguments> randomSizes() {
        return CodecKind.crossedWith(1, 63, 64, 65, 127, 1000, 4097, 70_001);
    }

    private static void assertEveryLossPatternRebuilds(ReedSolomon codec, byte[][] original)
            throws TooFewShardsException {
        for (int[] lost : lossPatterns()) {
            String name = "lost " + Arrays.toString(lost);
            byte[][] shards = copy(original);
            for (int i : lost) {
                shards[i] = null;
            }
            codec.reconstruct(shards);
            assertArrayEquals(original, shards, name);

            byte[][] dataOnly = copy(original);
            for (int i : lost) {
                dataOnly[i] = null;
            }
            codec.reconstructData(dataOnly);
            for (int i = 0; i < 6; i++) {
                if (i < 4 || dataOnly[i] != null) assertArrayEquals(original[i], dataOnly[i], name + " shard " + i);
            }

            ByteBuffer[] buffers = buffers(copy(original), false, 5);
            boolean[] present = new boolean[6];
            Arrays.fill(present, true);
            for (int i : lost) {
                present[i] = false;
                buffers[i].put(buffers[i].position(), (byte) ~buffers[i].get(buffers[i].position()));
            }
            codec.reconstruct(buffers, present);
            for (int i = 0; i < 6; i++) {
                assertEquals(ByteBuffer.wrap(original[i]), buffers[i], name + " direct shard " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CodecKind.class)
    void threeLostShardsRaiseTooFewShards(CodecKind kind) {
        ReedSolomon codec = kind.create(4, 2);
        byte[][] shards = random(6, 100, 1);
        codec.encode(shards);
        shards[0] = null;
        shards[3] = null;
        shards[5] = null;
        TooFewShardsException e = assertThrows(TooFewShardsException.class, () -> codec.reconstruct(shards));
        assertEquals(3, e.available());
        assertEquals(4, e.required());
        assertTrue(e.getMessage().contains("3 available, 4 required"), e.getMessage());
        assertNull(shards[0], "nothing is written when reconstruction is impossible");
        boolean[] present = {true, false, true, false, true, false};
        ByteBuffer[] buffers = buffers(random(6, 100, 2), true, 0);
        assertThrows(TooFewShardsException.class, () -> codec.reconstruct(buffers, present));
    }

    static Stream<Arguments> shapes() {
        return CodecKind.crossedWith(new int[] {10, 4}, new int[] {1, 1}, new int[] {17, 3}, new int[] {2, 5},
                new int[] {200, 56});
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapes")
    void otherShapesRoundTripAfterLosingAsManyShardsAsParity(CodecKind kind, int[] shape)
            throws TooFewShardsException {
        int k = shape[0];
        int m = shape[1];
        ReedSolomon codec = kind.create(k, m);
        byte[][] original = random(k + m, 1037, k * 31 + m);
        codec.encode(original);
        assertTrue(codec.verify(original));
        SplittableRandom random = new SplittableRandom(k);
        for (int round = 0; round < 5; round++) {
            byte[][] shards = copy(original);
            int lost = 0;
            while (lost < m) {
                int i = random.nextInt(k + m);
                if (shards[i] != null) {
                    shards[i] = null;
                    lost++;
                }
            }
            codec.reconstruct(shards);
            assertArrayEquals(original, shards, "round " + round);
        }
        original[k][7] ^= 1;
        assertFalse(codec.verify(original));
    }

    @ParameterizedTest
    @EnumSource(CodecKind.class)
    void heapAndDirectBuffersWithNonZeroPositionsMatchArrays(CodecKind kind) throws TooFewShardsException {
        ReedSolomon codec = kind.create(4, 2);
        byte[][] arrays = random(6, 33_333, 9);
        codec.encode(arrays);
        ByteBuffer[] mixed = new ByteBuffer[6];
        for (int i = 0; i < 6; i++) {
            mixed[i] = buffer(new byte[arrays[i].length], i % 2 == 0, 11 + i);
            mixed[i].put(mixed[i].position(), i < 4 ? arrays[i] : new byte[arrays[i].length]);
        }
        codec.encode(Arrays.copyOf(mixed, 4), Arrays.copyOfRange(mixed, 4, 6));
        for (int i = 0; i < 6; i++) {
            assertEquals(11 + i, mixed[i].position(), "position unchanged");
            assertEquals(ByteBuffer.wrap(arrays[i]), mixed[i], "shard " + i);
        }
        assertTrue(codec.verify(mixed));
        boolean[] present = {false, true, true, true, true, false};
        mixed[0].put(mixed[0].position(), new byte[arrays[0].length]);
        codec.reconstruct(mixed, present);
        assertEquals(ByteBuffer.wrap(arrays[0]), mixed[0]);
        assertEquals(ByteBuffer.wrap(arrays[5]), mixed[5]);

        byte[][] offsetArrays = new byte[6][];
        for (int i = 0; i < 6; i++) {
            offsetArrays[i] = new byte[arrays[i].length + 20];
            System.arraycopy(arrays[i], 0, offsetArrays[i], 13, i < 4 ? arrays[i].length : 0);
        }
        codec.encode(offsetArrays, 13, arrays[0].length);
        assertArrayEquals(arrays[4], Arrays.copyOfRange(offsetArrays[4], 13, 13 + arrays[4].length));
    }

    @ParameterizedTest
    @EnumSource(CodecKind.class)
    void badInputIsRefusedNamingTheProblem(CodecKind kind) {
        ReedSolomon codec = kind.create(4, 2);
        byte[][] uneven = random(6, 10, 3);
        uneven[3] = new byte[9];
        assertMessage(ShardSizeMismatchException.class, "shard 3 has 9 bytes", () -> codec.encode(uneven));
        assertMessage(IllegalArgumentException.class, "expected 6 shards, got 5",
                () -> codec.encode(random(5, 10, 3)));
        assertMessage(IllegalArgumentException.class, "shards array is null", () -> codec.encode((byte[][]) null));
        byte[][] withNull = random(6, 10, 3);
        withNull[2] = null;
        assertMessage(IllegalArgumentException.class, "shard 2 is null", () -> codec.encode(withNull));
        assertMessage(IllegalArgumentException.class, "outside shard 0",
                () -> codec.encode(random(6, 10, 3), 2, -1));
        assertMessage(IllegalArgumentException.class, "outside shard 0",
                () -> codec.encode(random(6, 10, 3), -1, 4));
        assertMessage(IllegalArgumentException.class, "outside shard 0",
                () -> codec.encode(random(6, 10, 3), 8, 3));
        ByteBuffer[] readOnlyParity = buffers(random(6, 10, 3), false, 0);
        readOnlyParity[5] = readOnlyParity[5].asReadOnlyBuffer();
        assertMessage(IllegalArgumentException.class, "parity shard 1 is read-only",
                () -> codec.encode(readOnlyParity));
        assertMessage(IllegalArgumentException.class, "expected 2 parity shards, got 1",
                () -> codec.encode(new ByteBuffer[4], new ByteBuffer[1]));
        assertMessage(IllegalArgumentException.class, "present flags must have 6 entries",
                () -> codec.reconstruct(buffers(random(6, 10, 3), false, 0), new boolean[4]));
        assertMessage(IllegalArgumentException.class, "data shards must be at least 1", () -> kind.create(0, 2));
        assertMessage(IllegalArgumentException.class, "parity shards must be at least 1", () -> kind.create(4, 0));
        assertMessage(IllegalArgumentException.class, "at most 256", () -> kind.create(250, 7));
    }

    @Test
    void defaultCodecIsFourPlusTwoOnTheVectorApiWhenTheModuleIsPresent() {
        ReedSolomon codec = ReedSolomon.create();
        assertEquals(4, codec.dataShards());
        assertEquals(2, codec.parityShards());
        assertEquals("vector", codec.implementation(), "tests run with --add-modules jdk.incubator.vector");
    }

    static void assertMessage(Class<? extends Throwable> type, String fragment,
            org.junit.jupiter.api.function.Executable call) {
        Throwable e = assertThrows(type, call);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }

    static byte[][] random(int count, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[][] shards = new byte[count][size];
        for (byte[] shard : shards) {
            random.nextBytes(shard);
        }
        return shards;
    }

    private static byte[][] copy(byte[][] shards) {
        byte[][] copy = new byte[shards.length][];
        for (int i = 0; i < shards.length; i++) {
            copy[i] = shards[i] == null ? null : shards[i].clone();
        }
        return copy;
    }

    /** Each array copied into a heap or direct buffer at {@code position}, with spare bytes after the limit. */
    private static ByteBuffer[] buffers(byte[][] arrays, boolean heap, int position) {
        ByteBuffer[] buffers = new ByteBuffer[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            buffers[i] = buffer(arrays[i], heap, position);
        }
        return buffers;
    }

    private static ByteBuffer buffer(byte[] content, boolean heap, int position) {
        int capacity = position + content.length + 9;
        ByteBuffer buffer = heap ? ByteBuffer.allocate(capacity) : ByteBuffer.allocateDirect(capacity);
        buffer.position(position).put(content).limit(position + content.length).position(position);
        return buffer;
    }
}
