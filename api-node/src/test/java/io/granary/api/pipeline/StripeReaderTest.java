package io.granary.api.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.async.Pools;
import io.granary.api.error.S3Exception;
import io.granary.api.it.TestData;
import io.granary.datanode.LocalShardStore;
import io.granary.datanode.ShardId;
import io.granary.datanode.ShardStore;
import io.granary.erasure.EncodedStripe;
import io.granary.erasure.ReedSolomon;
import io.granary.erasure.StripeEncoder;
import io.granary.erasure.StripeLayout;
import io.vertx.core.Context;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StripeReader}'s read-ahead over six real {@link LocalShardStore}s, with the faults of dying data
 * nodes injected around them ({@link FaultyShardStore}): nodes that die while stripes are in flight,
 * a node reachable only as a last resort while other stripes are already in flight, a consumer that
 * stops reading (bounded memory) and one that goes away (everything released).
 */
@Timeout(60)
class StripeReaderTest {
    private static final StripeLayout LAYOUT = StripeLayout.defaults();
    /** The most a local shard read hands over at once (the data node's read batch). */
    private static final int SHARD_BUFFER = 1 << 20;
    private static final int FRAME = LAYOUT.frameLength(LAYOUT.blockSize(), 0);
    /** Twenty stripes and a bit. */
    private static final int SIZE = 20 * LAYOUT.blockSize() + 12_345;

    @TempDir
    Path dir;
    private Vertx vertx;
    private Context context;
    private Pools pools;
    private final ReedSolomon codec = ReedSolomon.create();
    private final HeldMemory memory = new HeldMemory();
    private final List<FaultyShardStore> nodes = new ArrayList<>();
    private final Map<Integer, BitSet> damage = new ConcurrentHashMap<>();

    @BeforeEach
    void openNodes() throws Exception {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        pools = new Pools(vertx, 2, 4, 2, 1);
        for (int i = 0; i < LAYOUT.totalShards(); i++) {
            nodes.add(new FaultyShardStore(join(LocalShardStore.open(vertx, dir.resolve("node-" + i), pools.disk()))));
        }
    }

    @AfterEach
    void close() throws Exception {
        pools.close();
        join(vertx.close());
    }

    @Test
    void readsEveryByteAcrossStripesAndPartsWithStripesInFlight() throws Exception {
        byte[] first = TestData.random(SIZE, 1);
        byte[] second = TestData.random(3 * LAYOUT.blockSize() + 7, 2);
        List<PartRead> parts = List.of(part(first, 1000, first.length - 1), part(second, 0, second.length - 1));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(first, 1000, first.length - 1000);
        expected.write(second);
        assertArrayEquals(expected.toByteArray(), readAll(parts));
        assertTrue(damage.isEmpty(), "an intact read reports no damage: " + damage);
        assertEquals(0, memory.held(), "nothing held once the read ended");
    }

    @Test
    void nodesDyingWhileStripesAreInFlightAreReplacedByParityBitExact() throws Exception {
        byte[] data = TestData.random(SIZE, 3);
        PartRead part = part(data, 0, data.length - 1);
        // Data shards 0 and 2 break off inside their fourth frame, with the next stripes already asked for.
        nodes.get(0).cutAfter(3L * FRAME + FRAME / 3);
        nodes.get(2).cutAfter(3L * FRAME + 5);
        assertArrayEquals(data, readAll(List.of(part)));
        assertEquals(Map.of(0, bits(0, 2)), damage, "the two cut shards are reported for healing");
        assertEquals(0, memory.held());
    }

    @Test
    void aNodeReachableOnlyAsALastResortServesTheStripesAlreadyInFlight() throws Exception {
        byte[] data = TestData.random(SIZE, 4);
        String set = store(data);
        // Shards 1 and 3 are on killed nodes the health check has not noticed; shard 5's node is back but
        // still believed offline, so it is only a last resort. Four shards exist only with it.
        nodes.get(1).kill();
        nodes.get(3).kill();
        List<ShardStore> stores = new ArrayList<>(nodes);
        stores.set(5, null);
        List<ShardStore> lastResort = new ArrayList<>(Collections.nCopies(6, null));
        lastResort.set(5, nodes.get(5));
        PartRead part = new PartRead(set, stores, lastResort, data.length, 0, data.length - 1);
        assertArrayEquals(data, readAll(List.of(part)));
    }

    @Test
    void threeLostShardsEndTheReadWith503() throws Exception {
        byte[] data = TestData.random(SIZE, 5);
        PartRead part = part(data, 0, data.length - 1);
        nodes.get(0).cutAfter(2L * FRAME);
        nodes.get(4).kill();
        nodes.get(5).kill();
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(PartFetch.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        Read read = start(List.of(part));
        Throwable failure = join(read.outcome().transform(done -> Future.succeededFuture(done.cause())));
        log.detachAppender(logged);
        assertInstanceOf(S3Exception.class, failure);
        assertEquals(503, ((S3Exception) failure).error().status());
        // The log names each shard the stripe could not use and why, so a lost shard is told from a busy node.
        String warning = logged.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("cannot be decoded")).findFirst().orElseThrow();
        for (int shard : new int[] {0, 4, 5}) assertTrue(warning.contains("shard " + shard + ": "), warning);
        assertTrue(read.bytes().length() < data.length, "the read stopped short");
        assertArrayEquals(Arrays.copyOf(data, read.bytes().length()), read.bytes().getBytes(), "never wrong bytes");
        await().atMost(5, TimeUnit.SECONDS).until(() -> memory.held() == 0);
    }

    @Test
    void aConsumerThatStopsReadingHoldsABoundedNumberOfStripes() throws Exception {
        byte[] data = TestData.random(SIZE, 6);
        PartRead part = part(data, 0, data.length - 1);
        Read read = startPaused(part);
        // Read-ahead stops at its bound however long the consumer waits: no stripe is started while paused.
        long bound = StripeReader.READ_AHEAD * 4L * FRAME + 4L * (FRAME + SHARD_BUFFER);
        await().during(Duration.ofMillis(500)).atMost(5, TimeUnit.SECONDS).until(() ->
                memory.held() <= bound && onContext(read.reader()::stripesReadAhead) == StripeReader.READ_AHEAD);
        long delivered = nodes.stream().mapToLong(FaultyShardStore::deliveredBytes).sum();
        assertTrue(delivered < data.length / 2, "shard bytes read while paused: " + delivered);
        onContext(() -> read.reader().resume());
        join(read.outcome());
        assertArrayEquals(data, read.bytes().getBytes());
        assertTrue(memory.mostByOne() <= bound, "held at most " + memory.mostByOne());
        assertEquals(0, memory.held());
    }

    @Test
    void aConsumerThatGoesAwayReleasesEveryShardReadAndBuffer() throws Exception {
        byte[] data = TestData.random(SIZE, 7);
        PartRead part = part(data, 0, data.length - 1);
        Read read = startPaused(part);
        assertTrue(memory.held() > 0);
        onContext(() -> read.reader().handler(null));
        await().atMost(5, TimeUnit.SECONDS).until(() -> memory.held() == 0
                && nodes.stream().allMatch(node -> node.attachedReads() == 0));
        assertTrue(!read.outcome().isComplete(), "a cancelled read tells neither end nor failure");
    }

    /** A started read: the reader, the bytes it emitted so far, and its end or failure. */
    private record Read(StripeReader reader, Buffer bytes, Future<Void> outcome) {
    }

    private byte[] readAll(List<PartRead> parts) throws Exception {
        Read read = start(parts);
        join(read.outcome());
        return read.bytes().getBytes();
    }

    private Read start(List<PartRead> parts) throws Exception {
        return start(parts, false);
    }

    /** A read whose consumer paused it at the first buffer, once its read-ahead is complete. */
    private Read startPaused(PartRead part) throws Exception {
        Read read = start(List.of(part), true);
        await().atMost(5, TimeUnit.SECONDS).until(() -> onContext(read.reader()::stripesReadAhead)
                == StripeReader.READ_AHEAD);
        return read;
    }

    /** Starts a read on the context; with {@code pauseAtFirst} the consumer pauses it at the first buffer. */
    private Read start(List<PartRead> parts, boolean pauseAtFirst) throws Exception {
        Buffer bytes = Buffer.buffer();
        Promise<Void> outcome = Promise.promise();
        StripeReader reader = onContext(() -> {
            StripeReader opened = new StripeReader(pools, codec, LAYOUT, parts, damage::put, memory);
            opened.endHandler(outcome::complete).exceptionHandler(outcome::fail);
            opened.handler(buffer -> {
                if (pauseAtFirst && bytes.length() == 0) opened.pause();
                bytes.appendBuffer(buffer);
            });
            return opened;
        });
        return new Read(reader, bytes, outcome.future());
    }

    /** Erasure-codes {@code data} into a new shard set on the six nodes and reads bytes first..last of it. */
    private PartRead part(byte[] data, long first, long last) throws Exception {
        return PartRead.only(store(data), new ArrayList<>(nodes), data.length, first, last);
    }

    private String store(byte[] data) throws Exception {
        String set = ShardId.randomSetId();
        List<Buffer> shards = new ArrayList<>();
        for (int i = 0; i < LAYOUT.totalShards(); i++) {
            shards.add(Buffer.buffer());
        }
        StripeEncoder encoder = new StripeEncoder(codec, LAYOUT, (EncodedStripe stripe) -> {
            for (int i = 0; i < stripe.shardCount(); i++) {
                byte[] frame = new byte[stripe.frame(i).remaining()];
                stripe.frame(i).get(frame);
                shards.get(i).appendBytes(frame);
            }
            stripe.release();
        });
        encoder.write(data, 0, data.length);
        encoder.finish();
        for (int i = 0; i < shards.size(); i++) {
            Buffer shard = shards.get(i);
            var writer = join(nodes.get(i).openWrite(ShardId.of(set, i), shard.length()));
            writer.end(shard);
            join(writer.committed());
        }
        return set;
    }

    private <T> T onContext(Callable<T> work) throws Exception {
        Promise<T> result = Promise.promise();
        context.runOnContext(v -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.fail(e);
            }
        });
        return join(result.future());
    }

    private static <T> T join(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static BitSet bits(int... indexes) {
        BitSet set = new BitSet();
        for (int i : indexes) {
            set.set(i);
        }
        return set;
    }
}
