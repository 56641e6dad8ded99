package io.granary.erasure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class StripeRoundTripTest {
    private static final int SMALL_BLOCK = 4096;
    private static final StripeLayout SMALL = new StripeLayout(4, 2, SMALL_BLOCK);

    static Stream<Arguments> sizes() {
        List<Arguments> cases = new ArrayList<>();
        int mib = StripeLayout.DEFAULT_BLOCK_SIZE;
        Object[][] table = {
            {"empty", SMALL, 0}, {"one byte", SMALL, 1}, {"three bytes", SMALL, 3}, {"k-1 bytes", SMALL, 3},
            {"k bytes", SMALL, 4}, {"block-1", SMALL, SMALL_BLOCK - 1}, {"block", SMALL, SMALL_BLOCK},
            {"block+1", SMALL, SMALL_BLOCK + 1}, {"several stripes", SMALL, 5 * SMALL_BLOCK + 1234},
            {"odd 10001", SMALL, 10_001}, {"odd 3*65+1", SMALL, 3 * 65 + 1},
            {"1 MiB-1", StripeLayout.defaults(), mib - 1}, {"1 MiB", StripeLayout.defaults(), mib},
            {"1 MiB+1", StripeLayout.defaults(), mib + 1},
            {"10+4 odd", new StripeLayout(10, 4, 4000), 9_999}, {"1+1", new StripeLayout(1, 1, 100), 1_001},
            {"17+3", new StripeLayout(17, 3, SMALL_BLOCK), 3 * SMALL_BLOCK + 5},
        };
        for (CodecKind kind : CodecKind.values()) {
            for (Object[] row : table) {
                cases.add(Arguments.of(kind, Named.of((String) row[0], row[1]), row[2]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} ({2} bytes)")
    @MethodSource("sizes")
    void wholeObjectRoundTripsThroughEncoderAndDecoder(CodecKind kind, StripeLayout layout, int size)
            throws TooFewShardsException {
        ReedSolomon codec = kind.create(layout.dataShards(), layout.parityShards());
        StoredObject object = StoredObject.encode(codec, layout, StoredObject.randomContent(size, size), 7_000, 1);
        for (byte[] shardFile : object.shardFiles) {
            assertEquals(layout.shardLength(size), shardFile.length);
        }
        if (size == 0) return;
        StoredObject.Read read = object.read(0, size - 1, object.source());
        assertArrayEquals(object.content, read.bytes());
        assertEquals(Set.of(), read.report().corruptShards());
        int last = layout.totalShards() - 1;
        int[] lost = layout.parityShards() >= 2 ? new int[] {0, last} : new int[] {last};
        assertArrayEquals(object.content, object.read(0, size - 1, object.source(lost)).bytes(), "degraded");
    }

    @ParameterizedTest
    @EnumSource(CodecKind.class)
    void everyRangeBoundaryReadsExactlyTheRequestedBytes(CodecKind kind) throws TooFewShardsException {
        int size = 2 * SMALL_BLOCK + 10;
        StoredObject object = StoredObject.encode(kind.create(4, 2), SMALL, StoredObject.randomContent(size, 5),
                999, 2);
        long[] points = {0, 1, 1023, 1024, 1025, 4094, 4095, 4096, 4097, 2 * 4096 - 1, 2 * 4096, 2 * 4096 + 2,
            2 * 4096 + 3, size - 2, size - 1};
        for (long first : points) {
            for (long last : points) {
                if (last < first) continue;
                byte[] expected = Arrays.copyOfRange(object.content, (int) first, (int) last + 1);
                assertArrayEquals(expected, object.read(first, last, object.source()).bytes(), first + ".." + last);
                assertArrayEquals(expected, object.read(first, last, object.source(1, 3)).bytes(),
                        first + ".." + last + " without shards 1 and 3");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CodecKind.class)
    void pieceSizesDoNotChangeTheShards(CodecKind kind) {
        byte[] content = StoredObject.randomContent(3 * SMALL_BLOCK + 77, 3);
        StoredObject whole = StoredObject.encode(kind.create(4, 2), SMALL, content, content.length * 2, 0);
        for (int maxPiece : new int[] {1, 3, 1000, 5000}) {
            StoredObject pieces = StoredObject.encode(kind.create(4, 2), SMALL, content, maxPiece, maxPiece);
            assertArrayEquals(whole.shardFiles, pieces.shardFiles, "pieces up to " + maxPiece);
        }
    }

    @ParameterizedTest
    @EnumSource(CodecKind.class)
    void aCorruptedByteInAnyChunkIsDetectedAndTheReadIsStillExact(CodecKind kind) throws TooFewShardsException {
        int size = SMALL_BLOCK + 1001;
        StoredObject object = StoredObject.encode(kind.create(4, 2), SMALL, StoredObject.randomContent(size, 8),
                4000, 4);
        for (int shard = 0; shard < 6; shard++) {
            for (int stripe = 0; stripe < 2; stripe++) {
                int frameLength = SMALL.frameLength(size, stripe);
                for (int at : new int[] {0, 5, 9, ChunkFrame.HEADER_SIZE, frameLength - 1}) {
                    int offset = (int) SMALL.frameOffset(stripe) + at;
                    object.shardFiles[shard][offset] ^= 0x40;
                    String name = "shard " + shard + " stripe " + stripe + " frame byte " + at;
                    StripeDecoder decoder = new StripeDecoder(object.codec, SMALL, size);
                    StripeRead direct = decoder.read(decoder.plan(stripe * SMALL_BLOCK, size - 1).get(0));
                    assertFalse(direct.offer(shard, object.source().frame(shard, stripe)), name);
                    assertEquals(Set.of(shard), direct.corruptShards(), name);
                    StoredObject.Read read = object.read(0, size - 1, object.source());
                    assertArrayEquals(object.content, read.bytes(), name);
                    assertEquals(shard < 4 ? Set.of(shard) : Set.of(), read.report().corruptShards(), name);
                    if (shard == 4) {
                        // parity is fetched only once a data chunk is unavailable
                        StoredObject.Read degraded = object.read(0, size - 1, object.source(2));
                        assertArrayEquals(object.content, degraded.bytes(), name + " degraded");
                        assertEquals(Set.of(4), degraded.report().corruptShards(), name + " degraded");
                        assertEquals(Set.of(2), degraded.report().unavailableShards(), name + " degraded");
                    }
                    object.shardFiles[shard][offset] ^= 0x40;
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CodecKind.class)
    void threeUnreadableShardsRaiseTooFewShards(CodecKind kind) {
        StoredObject object = StoredObject.encode(kind.create(4, 2), SMALL, StoredObject.randomContent(5000, 9),
                5000, 5);
        TooFewShardsException e = assertThrows(TooFewShardsException.class,
                () -> object.read(0, 4999, object.source(0, 4, 5)));
        assertEquals(3, e.available());
    }

    @ParameterizedTest
    @EnumSource(CodecKind.class)
    void aHealthyReadAsksOnlyForTheDataChunksTheRangeTouches(CodecKind kind) throws TooFewShardsException {
        StoredObject object = StoredObject.encode(kind.create(4, 2), SMALL, StoredObject.randomContent(8192, 6),
                8192, 6);
        StripeDecoder decoder = new StripeDecoder(object.codec, SMALL, 8192);
        StripeRead read = decoder.read(decoder.plan(1000, 2100).get(0));
        assertArrayEquals(new int[] {0, 1, 2}, read.shardsToFetch());
        FrameSource source = object.source();
        assertTrue(read.offer(0, source.frame(0, 0)));
        assertFalse(read.offer(1, null));
        assertTrue(read.offer(2, source.frame(2, 0)));
        assertFalse(read.complete());
        assertArrayEquals(new int[] {3, 4}, read.shardsToFetch(), "two more shards make k valid ones");
        assertTrue(read.offer(3, source.frame(3, 0)));
        assertFalse(read.complete());
        assertTrue(read.offer(4, source.frame(4, 0)));
        assertTrue(read.complete());
        assertArrayEquals(new int[0], read.shardsToFetch());
        ByteBuffer joined = ByteBuffer.allocate(1101);
        read.bytes().forEach(joined::put);
        assertEquals(ByteBuffer.wrap(object.content, 1000, 1101), joined.flip());
        assertEquals(Set.of(1), read.unavailableShards());
        ReedSolomonTest.assertMessage(IllegalArgumentException.class, "shard 0 was already offered",
                () -> read.offer(0, source.frame(0, 0)));
    }

    @ParameterizedTest
    @EnumSource(CodecKind.class)
    void anUnavailableShardCanBeRetriedFromALastResortSource(CodecKind kind) throws TooFewShardsException {
        StoredObject object = StoredObject.encode(kind.create(4, 2), SMALL, StoredObject.randomContent(8192, 7),
                8192, 7);
        StripeDecoder decoder = new StripeDecoder(object.codec, SMALL, 8192);
        StripeRead read = decoder.read(decoder.plan(0, SMALL_BLOCK - 1).get(0));
        FrameSource source = object.source();
        for (int shard : new int[] {0, 1, 4}) assertFalse(read.offer(shard, null));
        assertTrue(read.offer(2, source.frame(2, 0)));
        assertTrue(read.offer(3, source.frame(3, 0)));
        assertTrue(read.offer(5, source.frame(5, 0)));
        assertFalse(read.complete());
        assertArrayEquals(new int[0], read.shardsToFetch(), "nothing untried is left");
        read.retry(1);
        assertArrayEquals(new int[] {1}, read.shardsToFetch());
        assertTrue(read.offer(1, source.frame(1, 0)));
        assertTrue(read.complete());
        ByteBuffer joined = ByteBuffer.allocate(SMALL_BLOCK);
        read.bytes().forEach(joined::put);
        assertEquals(ByteBuffer.wrap(object.content, 0, SMALL_BLOCK), joined.flip());
        assertEquals(Set.of(0, 4), read.unavailableShards());
        ReedSolomonTest.assertMessage(IllegalArgumentException.class, "shard 2 was not offered as unavailable",
                () -> read.retry(2));
    }

    @ParameterizedTest
    @EnumSource(CodecKind.class)
    void unreleasedStripesAreNeverOverwrittenAndReleasedOnesAreReused(CodecKind kind) {
        List<EncodedStripe> held = new ArrayList<>();
        List<byte[]> snapshots = new ArrayList<>();
        StripeEncoder encoder = new StripeEncoder(kind.create(4, 2), SMALL, stripe -> {
            held.add(stripe);
            ByteBuffer frame = stripe.frame(4);
            byte[] copy = new byte[frame.remaining()];
            frame.get(copy);
            snapshots.add(copy);
        });
        encoder.write(StoredObject.randomContent(3 * SMALL_BLOCK, 10), 0, 3 * SMALL_BLOCK);
        for (int s = 0; s < 3; s++) {
            assertEquals(ByteBuffer.wrap(snapshots.get(s)), held.get(s).frame(4), "stripe " + s);
        }
        held.get(0).release();
        held.get(0).release();
        encoder.write(new byte[SMALL_BLOCK], 0, SMALL_BLOCK);
        assertEquals(ByteBuffer.wrap(snapshots.get(1)), held.get(1).frame(4), "held stripe untouched");
        assertThrows(IllegalStateException.class, () -> held.get(0).frame(0));
        encoder.finish();
        assertEquals(4, encoder.stripesEmitted());
        assertEquals(4L * SMALL_BLOCK, encoder.bytesWritten());
        assertThrows(IllegalStateException.class, () -> encoder.write(new byte[1], 0, 1));
    }

    @ParameterizedTest
    @EnumSource(CodecKind.class)
    void badArgumentsAreRefusedNamingTheProblem(CodecKind kind) {
        ReedSolomon codec = kind.create(4, 2);
        StripeEncoder encoder = new StripeEncoder(codec, SMALL, EncodedStripe::release);
        ReedSolomonTest.assertMessage(IllegalArgumentException.class, "outside an array of 10 bytes",
                () -> encoder.write(new byte[10], 5, 6));
        ReedSolomonTest.assertMessage(IllegalArgumentException.class, "outside an array of 10 bytes",
                () -> encoder.write(new byte[10], 0, -1));
        ReedSolomonTest.assertMessage(IllegalArgumentException.class, "codec is 4+2 but layout is 10+4",
                () -> new StripeEncoder(codec, new StripeLayout(10, 4, 4000), EncodedStripe::release));
        ReedSolomonTest.assertMessage(IllegalArgumentException.class, "codec is 4+2 but layout is 3+2",
                () -> new StripeDecoder(codec, new StripeLayout(3, 2, 4000), 10));
        StripeDecoder decoder = new StripeDecoder(codec, SMALL, 100);
        ReedSolomonTest.assertMessage(IllegalArgumentException.class, "not inside an object of 100 bytes",
                () -> decoder.plan(0, 100));
        StripeRead read = decoder.read(decoder.plan(0, 99).get(0));
        ReedSolomonTest.assertMessage(IllegalArgumentException.class, "shard index 6 outside 0..5",
                () -> read.offer(6, null));
    }
}
