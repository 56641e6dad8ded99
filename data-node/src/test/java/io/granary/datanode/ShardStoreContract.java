package io.granary.datanode;

import static io.granary.datanode.TestShards.await;
import static io.granary.datanode.TestShards.awaitFailure;
import static io.granary.datanode.TestShards.framed;
import static io.granary.datanode.TestShards.newId;
import static io.granary.datanode.TestShards.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.erasure.ChunkFrame;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link ShardStore} shares, run against the local store and against a remote store
 * talking to a real data node. Both keep their files under {@link #root}, so tests can inspect the disk.
 */
abstract class ShardStoreContract {
    static final int PAYLOAD = 4096;

    @TempDir
    Path root;
    Vertx vertx;
    WorkerExecutor disk;
    ShardStore store;

    /** The store under test, over a local store at {@link #root}. */
    abstract ShardStore createStore() throws Exception;

    @BeforeEach
    void startStore() throws Exception {
        vertx = Vertx.vertx();
        disk = vertx.createSharedWorkerExecutor("test-disk", 4);
        store = createStore();
    }

    @AfterEach
    void stopVertx() {
        await(vertx.close());
    }

    ShardInfo write(ShardId id, byte[] bytes) {
        return await(writeFuture(id, bytes.length, bytes));
    }

    io.vertx.core.Future<ShardInfo> writeFuture(ShardId id, long declared, byte[] bytes) {
        return TestShards.writeFrom(vertx, store, id, declared, bytes, 16 * 1024);
    }

    @Test
    void writtenShardReadsBackWhole() {
        ShardId id = newId(0);
        byte[] bytes = framed(5, PAYLOAD, 1000, 1);
        ShardInfo info = write(id, bytes);
        assertEquals(id, info.id());
        assertEquals(bytes.length, info.length());
        assertArrayEquals(bytes, await(read(store, id, 0, bytes.length)).getBytes());
    }

    @Test
    void frameAlignedRangesReadBackExactly() {
        ShardId id = newId(1);
        byte[] bytes = framed(5, PAYLOAD, 1000, 2);
        write(id, bytes);
        int frame = ChunkFrame.frameSize(PAYLOAD);
        assertArrayEquals(Arrays.copyOfRange(bytes, frame, 3 * frame),
                await(read(store, id, frame, 2L * frame)).getBytes());
        assertArrayEquals(Arrays.copyOfRange(bytes, 4 * frame, bytes.length),
                await(read(store, id, 4L * frame, bytes.length - 4L * frame)).getBytes());
        assertEquals(0, await(read(store, id, 2L * frame, 0)).length());
    }

    @Test
    void rangesNotOnFrameBoundariesAreRefused() {
        ShardId id = newId(2);
        byte[] bytes = framed(3, PAYLOAD, PAYLOAD, 3);
        write(id, bytes);
        int frame = ChunkFrame.frameSize(PAYLOAD);
        assertKind(ShardStoreException.Kind.INVALID_ARGUMENT, awaitFailure(read(store, id, 1, frame)));
        assertKind(ShardStoreException.Kind.INVALID_ARGUMENT, awaitFailure(read(store, id, 0, frame + 1L)));
        assertKind(ShardStoreException.Kind.INVALID_ARGUMENT, awaitFailure(read(store, id, frame, 3L * frame)));
    }

    @Test
    void statReportsLengthAndCommitTime() {
        ShardId id = newId(3);
        Instant before = Instant.now().minusSeconds(2);
        byte[] bytes = framed(2, PAYLOAD, 10, 4);
        write(id, bytes);
        ShardInfo info = await(store.stat(id));
        assertEquals(bytes.length, info.length());
        assertTrue(!info.committedAt().isBefore(before), "committed " + info.committedAt());
    }

    @Test
    void missingShardIsNotFound() {
        ShardId id = newId(4);
        assertKind(ShardStoreException.Kind.NOT_FOUND, awaitFailure(store.stat(id)));
        assertKind(ShardStoreException.Kind.NOT_FOUND, awaitFailure(read(store, id, 0, 0)));
    }

    @Test
    void secondWriteOfACommittedIdIsRefusedAndKeepsTheFirst() {
        ShardId id = newId(5);
        byte[] first = framed(2, PAYLOAD, PAYLOAD, 5);
        write(id, first);
        byte[] second = framed(2, PAYLOAD, PAYLOAD, 6);
        assertKind(ShardStoreException.Kind.ALREADY_EXISTS, awaitFailure(writeFuture(id, second.length, second)));
        assertArrayEquals(first, await(read(store, id, 0, first.length)).getBytes());
    }

    @Test
    void writeShorterThanDeclaredFailsAndLeavesNothing() throws Exception {
        ShardId id = newId(6);
        byte[] bytes = framed(2, PAYLOAD, PAYLOAD, 7);
        assertKind(ShardStoreException.Kind.INVALID_ARGUMENT,
                awaitFailure(writeFuture(id, bytes.length + 100L, bytes)));
        assertNothingVisible(id);
    }

    @Test
    void writeLongerThanDeclaredFailsAndLeavesNothing() throws Exception {
        ShardId id = newId(7);
        byte[] bytes = framed(3, PAYLOAD, PAYLOAD, 8);
        assertKind(ShardStoreException.Kind.INVALID_ARGUMENT,
                awaitFailure(writeFuture(id, bytes.length - ChunkFrame.frameSize(PAYLOAD), bytes)));
        assertNothingVisible(id);
    }

    @Test
    void frameCorruptedOnTheWayInIsRejectedAsCorrupt() throws Exception {
        ShardId id = newId(8);
        byte[] bytes = framed(4, PAYLOAD, PAYLOAD, 9);
        bytes[2 * ChunkFrame.frameSize(PAYLOAD) + 100] ^= 0x01;
        assertKind(ShardStoreException.Kind.CORRUPT, awaitFailure(writeFuture(id, bytes.length, bytes)));
        assertNothingVisible(id);
    }

    @Test
    void framesOfUnequalSizesAreRefused() throws Exception {
        ShardId id = newId(9);
        byte[] small = framed(1, 100, 100, 10);
        byte[] large = framed(1, PAYLOAD, PAYLOAD, 11);
        byte[] bytes = new byte[small.length + large.length];
        System.arraycopy(small, 0, bytes, 0, small.length);
        System.arraycopy(large, 0, bytes, small.length, large.length);
        assertKind(ShardStoreException.Kind.INVALID_ARGUMENT, awaitFailure(writeFuture(id, bytes.length, bytes)));
        assertNothingVisible(id);
    }

    @Test
    void shardLargerThanTheFreeSpaceIsRefusedAsNoSpaceAndReadsGoOn() throws Exception {
        ShardId kept = newId(14);
        byte[] bytes = framed(2, PAYLOAD, PAYLOAD, 16);
        write(kept, bytes);
        ShardId huge = newId(15);
        io.vertx.core.Future<ShardInfo> outcome = store.openWrite(huge, Long.MAX_VALUE / 4).compose(writer -> {
            writer.write(io.vertx.core.buffer.Buffer.buffer(bytes));
            return writer.committed();
        });
        assertKind(ShardStoreException.Kind.NO_SPACE, awaitFailure(outcome));
        assertNothingVisibleBut(kept);
        assertArrayEquals(bytes, await(read(store, kept, 0, bytes.length)).getBytes());
    }

    @Test
    void shardOfUnknownLengthIsWhatArrived() {
        ShardId id = newId(16);
        byte[] bytes = framed(5, PAYLOAD, 100, 17);
        ShardInfo info = await(writeFuture(id, ShardStore.UNKNOWN_LENGTH, bytes));
        assertEquals(bytes.length, info.length());
        assertEquals(bytes.length, await(store.stat(id)).length());
        assertArrayEquals(bytes, await(read(store, id, 0, bytes.length)).getBytes());
    }

    @Test
    void shardOfUnknownLengthStillVerifiesItsFrames() throws Exception {
        ShardId id = newId(17);
        byte[] bytes = framed(3, PAYLOAD, PAYLOAD, 18);
        bytes[ChunkFrame.frameSize(PAYLOAD) + 50] ^= 0x01;
        assertKind(ShardStoreException.Kind.CORRUPT,
                awaitFailure(writeFuture(id, ShardStore.UNKNOWN_LENGTH, bytes)));
        assertNothingVisible(id);
    }

    @Test
    void emptyShardIsAllowed() {
        ShardId id = newId(10);
        write(id, new byte[0]);
        assertEquals(0, await(store.stat(id)).length());
        assertEquals(0, await(read(store, id, 0, 0)).length());
    }

    @Test
    void deleteRemovesAShardAndIsIdempotent() {
        ShardId id = newId(11);
        write(id, framed(1, PAYLOAD, PAYLOAD, 12));
        await(store.delete(id));
        assertKind(ShardStoreException.Kind.NOT_FOUND, awaitFailure(store.stat(id)));
        await(store.delete(id));
    }

    @Test
    void listingPagesThroughEveryShardInIdOrder() {
        List<ShardId> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ShardId id = newId(i);
            write(id, framed(1, 10, 10, i));
            ids.add(id);
        }
        ids.sort(null);
        List<ShardId> seen = new ArrayList<>();
        ShardId after = null;
        int pages = 0;
        do {
            ShardPage page = await(store.list(after, 3));
            page.shards().forEach(info -> seen.add(info.id()));
            page.shards().forEach(info -> assertEquals(ChunkFrame.frameSize(10), info.length()));
            after = page.next();
            pages++;
        } while (after != null);
        assertEquals(ids, seen);
        assertTrue(pages >= 3, "pages " + pages);
    }

    @Test
    void healthCountsCommittedShards() {
        NodeHealth empty = await(store.health());
        assertEquals(0, empty.shardCount());
        byte[] bytes = framed(2, PAYLOAD, PAYLOAD, 13);
        write(newId(0), bytes);
        write(newId(1), bytes);
        NodeHealth health = await(store.health());
        assertEquals(2, health.shardCount());
        assertEquals(2L * bytes.length, health.shardBytes());
        assertTrue(health.freeBytes() > 0 && health.totalBytes() >= health.freeBytes());
    }

    @Test
    void largeShardStreamsThrough() {
        ShardId id = newId(12);
        byte[] bytes = framed(12, 1 << 20, 300_000, 14);
        write(id, bytes);
        assertArrayEquals(bytes, await(read(store, id, 0, bytes.length)).getBytes());
    }

    @Test
    void byteFlippedOnDiskIsCorruptForExactlyThatFrame() throws IOException {
        ShardId id = newId(13);
        byte[] bytes = framed(4, PAYLOAD, PAYLOAD, 15);
        write(id, bytes);
        int frame = ChunkFrame.frameSize(PAYLOAD);
        flipStoredByte(root, id, 2 * frame + 500);

        ShardStoreException whole = awaitFailure(read(store, id, 0, bytes.length));
        assertKind(ShardStoreException.Kind.CORRUPT, whole);
        String range = "[" + 2 * frame + ", " + 3 * frame + ")";
        assertTrue(whole.getMessage().contains(range), whole.getMessage());
        assertKind(ShardStoreException.Kind.CORRUPT, awaitFailure(read(store, id, 2L * frame, frame)));
        assertArrayEquals(Arrays.copyOfRange(bytes, 0, 2 * frame), await(read(store, id, 0, 2L * frame)).getBytes());
        assertArrayEquals(Arrays.copyOfRange(bytes, 3 * frame, 4 * frame),
                await(read(store, id, 3L * frame, frame)).getBytes());
    }

    /**
     * Flips one bit of byte {@code at} of the stored shard behind the store's back, whichever form it took:
     * its own file, or its record in a segment file (found by the id in the record header).
     */
    static void flipStoredByte(Path root, ShardId id, int at) throws IOException {
        Path file = new ShardPaths(root).shardFile(id);
        if (!Files.exists(file)) {
            try (Stream<Path> segments = Files.list(root.resolve("segments"))) {
                for (Path segment : segments.toList()) {
                    byte[] stored = Files.readAllBytes(segment);
                    int record = indexOf(stored, id.value().getBytes(java.nio.charset.StandardCharsets.US_ASCII)) - 8;
                    if (record < 0) continue;
                    stored[record + 64 + at] ^= 0x40;
                    Files.write(segment, stored);
                    return;
                }
            }
            throw new AssertionError("shard " + id + " is stored nowhere");
        }
        byte[] stored = Files.readAllBytes(file);
        stored[at] ^= 0x40;
        Files.write(file, stored);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    static void assertKind(ShardStoreException.Kind expected, ShardStoreException actual) {
        assertEquals(expected, actual.kind(), actual.getMessage());
    }

    /** The shard is not committed and, once the failed write is cleaned up, no temp file remains. */
    void assertNothingVisible(ShardId id) throws IOException, InterruptedException {
        assertKind(ShardStoreException.Kind.NOT_FOUND, awaitFailure(store.stat(id)));
        assertNothingVisibleBut(null);
    }

    /** No shard but {@code kept} (if not null) is listed, and no temp file remains once cleanup ran. */
    void assertNothingVisibleBut(ShardId kept) throws IOException, InterruptedException {
        ShardPage page = await(store.list(null, 100));
        assertNull(page.next());
        assertEquals(kept == null ? List.of() : List.of(kept), page.shards().stream().map(ShardInfo::id).toList());
        Path tmp = root.resolve(ShardPaths.TMP);
        Awaitility.await("temp files left behind").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20)).until(() -> countFiles(tmp) == 0);
    }

    private static long countFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }
}
