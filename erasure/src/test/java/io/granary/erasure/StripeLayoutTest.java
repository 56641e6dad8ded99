package io.granary.erasure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StripeLayoutTest {
    private final StripeLayout layout = new StripeLayout(4, 2, 4096);

    @Test
    void defaultsAreFourPlusTwoWithOneMebibyteStripes() {
        StripeLayout defaults = StripeLayout.defaults();
        assertEquals(new StripeLayout(4, 2, 1 << 20), defaults);
        assertEquals(262_144, defaults.fullChunkSize());
    }

    @Test
    void lengthsOfAMultiStripeObjectWithAShortLastStripe() {
        long length = 2 * 4096 + 10;
        assertEquals(3, layout.stripeCount(length));
        assertEquals(4096, layout.stripeDataLength(length, 1));
        assertEquals(10, layout.stripeDataLength(length, 2));
        assertEquals(1024, layout.chunkSize(length, 0));
        assertEquals(3, layout.chunkSize(length, 2));
        assertEquals(2 * 1036L, layout.frameOffset(2));
        assertEquals(2 * 1036L + 15, layout.shardLength(length));
    }

    @Test
    void emptyObjectHasNoStripesAndEmptyShards() {
        assertEquals(0, layout.stripeCount(0));
        assertEquals(0, layout.shardLength(0));
        assertThrows(IllegalArgumentException.class, () -> layout.chunkSize(0, 0));
    }

    @Test
    void blockSizeNotDivisibleByKRoundsChunksUp() {
        StripeLayout odd = new StripeLayout(17, 3, 4096);
        assertEquals(241, odd.fullChunkSize());
        assertEquals(1, odd.chunkSize(5, 0));
    }

    @Test
    void rangeInsideOneChunkNeedsOnlyThatChunk() {
        List<StripeRange> ranges = layout.ranges(10_000, 4096 + 1030, 4096 + 1040);
        assertEquals(List.of(new StripeRange(1, 1024, 1030, 1040)), ranges);
        assertEquals(List.of(new ChunkRange(1, 6, 11)), ranges.get(0).chunks());
    }

    @Test
    void rangeAcrossStripesSplitsAtStripeAndChunkBoundaries() {
        long length = 2 * 4096 + 10;
        List<StripeRange> ranges = layout.ranges(length, 4000, length - 1);
        assertEquals(List.of(new StripeRange(0, 1024, 4000, 4095), new StripeRange(1, 1024, 0, 4095),
                new StripeRange(2, 3, 0, 9)), ranges);
        assertEquals(List.of(new ChunkRange(3, 928, 96)), ranges.get(0).chunks());
        assertEquals(List.of(new ChunkRange(0, 0, 3), new ChunkRange(1, 0, 3), new ChunkRange(2, 0, 3),
                new ChunkRange(3, 0, 1)), ranges.get(2).chunks());
    }

    @Test
    void firstAndLastByteOfTheObject() {
        assertEquals(List.of(new StripeRange(0, 1024, 0, 0)), layout.ranges(5000, 0, 0));
        assertEquals(List.of(new StripeRange(1, 226, 903, 903)), layout.ranges(5000, 4999, 4999));
    }

    @Test
    void badArgumentsAreRefusedNamingTheProblem() {
        ReedSolomonTest.assertMessage(IllegalArgumentException.class, "not inside an object of 100 bytes",
                () -> layout.ranges(100, 50, 100));
        ReedSolomonTest.assertMessage(IllegalArgumentException.class, "byte range 5..4",
                () -> layout.ranges(100, 5, 4));
        ReedSolomonTest.assertMessage(IllegalArgumentException.class, "negative object length",
                () -> layout.stripeCount(-1));
        ReedSolomonTest.assertMessage(IllegalArgumentException.class, "block size out of range",
                () -> new StripeLayout(4, 2, 0));
        ReedSolomonTest.assertMessage(IllegalArgumentException.class, "got k=0", () -> new StripeLayout(0, 2, 64));
        ReedSolomonTest.assertMessage(IllegalArgumentException.class, "stripe 3 does not exist",
                () -> layout.chunkSize(3 * 4096, 3));
    }
}
