package io.granary.api.heal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.granary.datanode.LocalShardStore;
import io.granary.datanode.ShardId;
import io.granary.datanode.ShardWriter;
import io.granary.erasure.ChunkFrame;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ShardVerifierTest {
    private static final int PAYLOAD = 4096;
    private static final int FRAMES = 5;

    @TempDir
    Path dir;
    private Vertx vertx;
    private LocalShardStore store;
    private ShardId id;
    private long length;

    @BeforeEach
    void writeShard() throws Exception {
        vertx = Vertx.vertx();
        store = await(LocalShardStore.open(vertx, dir, vertx.createSharedWorkerExecutor("verifier-test-disk", 2)));
        id = ShardId.of(ShardId.randomSetId(), 3);
        Buffer frames = Buffer.buffer();
        byte[] payload = new byte[PAYLOAD];
        Random random = new Random(1);
        for (int i = 0; i < FRAMES; i++) {
            random.nextBytes(payload);
            frames.appendBytes(ChunkFrame.frame(ByteBuffer.wrap(payload)).array());
        }
        length = frames.length();
        ShardWriter writer = await(store.openWrite(id, length));
        writer.end(frames);
        await(writer.committed());
    }

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
    }

    @Test
    void aWholeIntactShardIsGoodAndEveryByteIsCounted() throws Exception {
        AtomicLong read = new AtomicLong();
        assertEquals(ShardVerifier.Outcome.GOOD, verify(0, length, read));
        assertEquals(length, read.get());
    }

    @Test
    void aPacedReadStillReadsTheWholeShard() throws Exception {
        AtomicLong read = new AtomicLong();
        assertEquals(ShardVerifier.Outcome.GOOD, verify(length / 2, length, read));
        assertEquals(length, read.get());
    }

    @Test
    void aShardOfAnotherLengthThanTheLayoutSaysIsCorrupt() throws Exception {
        assertEquals(ShardVerifier.Outcome.CORRUPT, verify(0, length + 1, new AtomicLong()));
        assertEquals(ShardVerifier.Outcome.CORRUPT, verify(0, length - PAYLOAD, new AtomicLong()));
    }

    @Test
    void anAbsentShardIsMissing() throws Exception {
        await(store.delete(id));
        assertEquals(ShardVerifier.Outcome.MISSING, verify(0, length, new AtomicLong()));
    }

    private ShardVerifier.Outcome verify(long bytesPerSecond, long expected, AtomicLong read) throws Exception {
        ShardVerifier verifier = new ShardVerifier(new ByteRateLimiter(vertx, bytesPerSecond));
        return await(verifier.verify(store, id, expected, read::addAndGet));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get();
    }
}
