package io.granary.api.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.async.Pools;
import io.granary.metadata.model.PartLayout;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PartDigestSinkTest {
    private static Vertx vertx;
    private static Pools pools;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        pools = new Pools(vertx, 1, 1, 2, 1);
    }

    @AfterAll
    static void stop() throws Exception {
        pools.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static PartLayout part(int number, byte[] bytes) throws Exception {
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        return new PartLayout(number, bytes.length, "\"" + md5 + "\"", "set" + number, List.of("n1", "n2", "n3",
                "n4", "n5", "n6"));
    }

    /** Streams {@code stream} in pieces of {@code piece} bytes through a sink for {@code parts}. */
    private static PartDigestSink drain(List<PartLayout> parts, byte[] stream, int piece) throws Exception {
        PartDigestSink sink = new PartDigestSink(pools, parts);
        vertx.runOnContext(v -> {
            for (int at = 0; at < stream.length; at += piece) {
                sink.write(Buffer.buffer(Arrays.copyOfRange(stream, at, Math.min(stream.length, at + piece))));
            }
        });
        Future<Void> ended = Future.future(p -> vertx.runOnContext(v -> sink.end().onComplete(p)));
        ended.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return sink;
    }

    @Test
    void partsSplitAcrossBuffersAndEmptyPartsAllMatch() throws Exception {
        byte[] one = new byte[70_001];
        byte[] three = new byte[1234];
        new Random(1).nextBytes(one);
        new Random(3).nextBytes(three);
        List<PartLayout> parts = List.of(part(1, one), part(2, new byte[0]), part(3, three));
        byte[] stream = new byte[one.length + three.length];
        System.arraycopy(one, 0, stream, 0, one.length);
        System.arraycopy(three, 0, stream, one.length, three.length);
        PartDigestSink sink = drain(parts, stream, 4099);
        assertNull(sink.mismatch());
        assertEquals(stream.length, sink.bytes());
    }

    @Test
    void aChangedByteShortOrLongReadIsAMismatch() throws Exception {
        byte[] one = new byte[10_000];
        new Random(2).nextBytes(one);
        List<PartLayout> parts = List.of(part(1, one));
        byte[] changed = one.clone();
        changed[5000] ^= 1;
        assertTrue(drain(parts, changed, 999).mismatch().startsWith("part 1 read back with MD5 "));
        assertTrue(drain(parts, Arrays.copyOf(one, 9_999), 999).mismatch().contains("read 9999 bytes"));
        assertTrue(drain(parts, Arrays.copyOf(one, 10_001), 999).mismatch().contains("more bytes"));
    }
}
