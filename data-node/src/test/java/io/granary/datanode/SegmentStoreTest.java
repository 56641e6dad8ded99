package io.granary.datanode;

import static io.granary.datanode.TestShards.await;
import static io.granary.datanode.TestShards.awaitFailure;
import static io.granary.datanode.TestShards.framed;
import static io.granary.datanode.TestShards.newId;
import static io.granary.datanode.TestShards.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.datanode.segment.SegmentStats;
import io.granary.erasure.ChunkFrame;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What only the segment form of {@link LocalShardStore} does: group commit, recovery, compaction, migration. */
@Timeout(120)
class SegmentStoreTest {
    /** Small segments, so a few dozen shards span several of them; compaction only when asked. */
    static final LocalShardStore.Options SMALL_SEGMENTS = new LocalShardStore.Options(false, 512 << 10, 64 << 10,
            Duration.ZERO, 1L << 30, 0.5, -1);

    @TempDir
    Path root;
    Vertx vertx;
    WorkerExecutor disk;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        disk = vertx.createSharedWorkerExecutor("segment-test-disk", 4);
    }

    @AfterEach
    void stop() {
        await(vertx.close());
    }

    private LocalShardStore open(LocalShardStore.Options options) {
        return await(LocalShardStore.open(vertx, root, disk, options));
    }

    private Map<ShardId, byte[]> writeMany(LocalShardStore store, int count, long seed) {
        Map<ShardId, byte[]> shards = new LinkedHashMap<>();
        List<Future<ShardInfo>> writes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ShardId id = newId(i % 6);
            byte[] bytes = framed(1, 1024 + i, 1024 + i, seed + i);
            shards.put(id, bytes);
            writes.add(TestShards.writeFrom(vertx, store, id, bytes));
        }
        await(Future.all(writes));
        return shards;
    }

    private static void assertAllReadBack(ShardStore store, Map<ShardId, byte[]> shards) {
        shards.forEach((id, bytes) -> assertArrayEquals(bytes, await(read(store, id, 0, bytes.length)).getBytes(),
                "shard " + id));
    }

    @Test
    void concurrentSmallWritesShareFsyncs() {
        LocalShardStore store = open(LocalShardStore.Options.DEFAULTS);
        long before = store.segmentForces();
        Map<ShardId, byte[]> shards = writeMany(store, 64, 1);
        long forces = store.segmentForces() - before;
        assertTrue(forces < shards.size(), forces + " fsyncs for " + shards.size() + " writes");
        assertAllReadBack(store, shards);
    }

    @Test
    void reopeningRebuildsTheIndexWithDeletesApplied() {
        LocalShardStore store = open(SMALL_SEGMENTS);
        Map<ShardId, byte[]> shards = writeMany(store, 100, 2);
        List<ShardId> deleted = new ArrayList<>(shards.keySet()).subList(0, 40);
        for (ShardId id : deleted) await(store.delete(id));
        deleted.forEach(shards::remove);

        LocalShardStore reopened = open(SMALL_SEGMENTS);
        assertAllReadBack(reopened, shards);
        for (ShardId id : deleted) {
            assertEquals(ShardStoreException.Kind.NOT_FOUND, awaitFailure(reopened.stat(id)).kind());
        }
        NodeHealth health = await(reopened.health());
        assertEquals(shards.size(), health.shardCount());
        assertTrue(health.segments().segments() > 1, "segments " + health.segments());
    }

    @Test
    void tornTailIsTruncatedAtOpenAndEverythingBeforeItKept() throws Exception {
        LocalShardStore store = open(LocalShardStore.Options.DEFAULTS);
        Map<ShardId, byte[]> shards = writeMany(store, 10, 3);
        ShardId torn = newId(0);
        byte[] partial = framed(1, 2000, 2000, 4);
        await(TestShards.writeFrom(vertx, store, torn, partial));
        Path segment = onlySegment();
        long full = Files.size(segment);
        try (var channel = Files.newByteChannel(segment, StandardOpenOption.WRITE)) {
            channel.truncate(full - 700);
        }

        LocalShardStore reopened = open(LocalShardStore.Options.DEFAULTS);
        assertAllReadBack(reopened, shards);
        assertEquals(ShardStoreException.Kind.NOT_FOUND, awaitFailure(reopened.stat(torn)).kind());
        SegmentStats stats = await(reopened.health()).segments();
        assertEquals(full - (64 + partial.length), Files.size(segment));
        assertEquals(64 + partial.length - 700, stats.truncatedTailBytes());
        ShardId next = newId(1);
        byte[] after = framed(1, 100, 100, 5);
        await(TestShards.writeFrom(vertx, reopened, next, after));
        assertArrayEquals(after, await(read(open(LocalShardStore.Options.DEFAULTS), next, 0, after.length)).getBytes());
    }

    @Test
    void flippedByteInASegmentRecordIsCorruptForThatShardOnly() throws Exception {
        LocalShardStore store = open(LocalShardStore.Options.DEFAULTS);
        Map<ShardId, byte[]> shards = writeMany(store, 5, 6);
        ShardId victim = newId(3);
        byte[] bytes = framed(3, 1000, 1000, 7);
        await(TestShards.writeFrom(vertx, store, victim, bytes));
        shards.putAll(writeMany(store, 1, 8));
        ShardStoreContract.flipStoredByte(root, victim, ChunkFrame.frameSize(1000) + 10);

        ShardStoreException failure = awaitFailure(read(store, victim, 0, bytes.length));
        assertEquals(ShardStoreException.Kind.CORRUPT, failure.kind());
        assertTrue(failure.getMessage().contains("[" + ChunkFrame.frameSize(1000) + ", "), failure.getMessage());
        assertAllReadBack(store, shards);
        // A reopen keeps the record (a valid one follows it, so it is rot, not a torn tail): still CORRUPT.
        assertEquals(ShardStoreException.Kind.CORRUPT,
                awaitFailure(read(open(LocalShardStore.Options.DEFAULTS), victim, 0, bytes.length)).kind());
    }

    @Test
    void compactionReclaimsDeadSpaceWhileReadsWritesAndDeletesGoOn() throws Exception {
        LocalShardStore store = open(SMALL_SEGMENTS);
        Map<ShardId, byte[]> shards = new LinkedHashMap<>();
        for (int group = 0; group < 20; group++) shards.putAll(writeMany(store, 10, 10 + 10 * group));
        Path first = root.resolve("segments").resolve(String.format("%016x.seg", 1));
        List<ShardId> ids = new ArrayList<>(shards.keySet());
        ShardId heldId = ids.get(ids.size() / 2);
        for (int i = 0; i < 150; i++) {
            if (ids.get(i) == heldId) continue;
            await(store.delete(ids.get(i)));
            shards.remove(ids.get(i));
        }
        SegmentStats before = await(store.health()).segments();
        ReadStream<Buffer> held = await(store.read(heldId, 0, shards.get(heldId).length));
        Path heldSegment = segmentHolding(heldId);

        Future<Void> pass = store.compact();
        Map<ShardId, byte[]> during = writeMany(store, 30, 500);
        List<ShardId> live = new ArrayList<>(shards.keySet());
        live.remove(heldId);
        for (int i = 0; i < 10; i++) {
            await(store.delete(live.get(i)));
            shards.remove(live.get(i));
        }
        assertAllReadBack(store, shards);
        await(pass);
        await(store.compact());
        shards.putAll(during);

        assertAllReadBack(store, shards);
        SegmentStats after = await(store.health()).segments();
        assertTrue(after.deadBytes() < before.deadBytes(), before + " then " + after);
        assertTrue(after.compactedBytes() > 0);
        assertFalse(Files.exists(first), "the first segment held only deleted shards: compacted away");
        assertTrue(Files.exists(heldSegment), "a segment with a reader still holding it must stay");
        assertArrayEquals(shards.get(heldId), await(TestShards.readAll(held)).getBytes());
        TestShards.eventually("the held segment is deleted once its reader finished", () -> !Files.exists(heldSegment));

        LocalShardStore reopened = open(SMALL_SEGMENTS);
        assertAllReadBack(reopened, shards);
        assertEquals(shards.size(), await(reopened.health()).shardCount());
    }

    @Test
    void legacyFileShardsReadAndAreMigratedIntoSegments() throws Exception {
        LocalShardStore.Options filesOnly = new LocalShardStore.Options(false, -1, 64L << 20, Duration.ZERO,
                1L << 30, 0.5, -1);
        Map<ShardId, byte[]> shards = writeMany(open(filesOnly), 20, 20);
        ShardId large = newId(0);
        byte[] largeBytes = framed(2, 600 << 10, 10, 21);
        await(TestShards.writeFrom(vertx, open(filesOnly), large, largeBytes));
        shards.keySet().forEach(id -> assertTrue(Files.exists(new ShardPaths(root).shardFile(id))));

        LocalShardStore store = open(LocalShardStore.Options.DEFAULTS);
        assertAllReadBack(store, shards);
        await(store.compact());

        shards.keySet().forEach(id -> assertFalse(Files.exists(new ShardPaths(root).shardFile(id)), "file " + id));
        assertTrue(Files.exists(new ShardPaths(root).shardFile(large)), "a large shard stays a file");
        NodeHealth health = await(store.health());
        assertEquals(shards.size(), health.segments().migratedShards());
        assertEquals(shards.size() + 1, health.shardCount());
        shards.put(large, largeBytes);
        assertAllReadBack(store, shards);
        assertAllReadBack(open(LocalShardStore.Options.DEFAULTS), shards);
        assertEquals(shards.size(), await(store.list(null, 100)).shards().size());
    }

    @Test
    void belowItsReserveANodeRefusesNewShardsButStillDeletesAndReads() throws Exception {
        LocalShardStore roomy = open(LocalShardStore.Options.DEFAULTS);
        Map<ShardId, byte[]> shards = writeMany(roomy, 6, 30);
        ShardId large = newId(0);
        byte[] largeBytes = framed(2, 600 << 10, 10, 31);
        await(TestShards.writeFrom(vertx, roomy, large, largeBytes));
        NodeHealth before = await(roomy.health());
        assertFalse(before.full(), before.toString());

        // A reserve beyond the free space: the node is full without filling a real disk (DiskFullIT does that).
        LocalShardStore full = open(LocalShardStore.Options.DEFAULTS.withReserveBytes(before.freeBytes() + (1L << 40)));
        NodeHealth health = await(full.health());
        assertTrue(health.full(), health.toString());
        ShardStoreException small = awaitFailure(TestShards.writeFrom(vertx, full, newId(1), framed(1, 900, 900, 32)));
        assertEquals(ShardStoreException.Kind.NO_SPACE, small.kind(), small.toString());
        assertTrue(small.getMessage().contains("data node full"), small.getMessage());
        ShardStoreException big = awaitFailure(TestShards.writeFrom(vertx, full, newId(2), largeBytes));
        assertEquals(ShardStoreException.Kind.NO_SPACE, big.kind(), big.toString());

        assertArrayEquals(largeBytes, await(read(full, large, 0, largeBytes.length)).getBytes());
        ShardId gone = shards.keySet().iterator().next();
        await(full.delete(gone));
        await(full.delete(large));
        shards.remove(gone);
        assertAllReadBack(full, shards);
        assertEquals(shards.size(), await(full.health()).shardCount());
        assertAllReadBack(open(LocalShardStore.Options.DEFAULTS), shards);
    }

    private Path onlySegment() throws Exception {
        try (Stream<Path> files = Files.list(root.resolve("segments"))) {
            List<Path> all = files.toList();
            assertEquals(1, all.size());
            return all.get(0);
        }
    }

    private Path segmentHolding(ShardId id) throws Exception {
        byte[] needle = id.value().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (Stream<Path> files = Files.list(root.resolve("segments"))) {
            for (Path segment : files.sorted().toList()) {
                if (new String(Files.readAllBytes(segment), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .contains(new String(needle, java.nio.charset.StandardCharsets.ISO_8859_1))) {
                    return segment;
                }
            }
        }
        throw new AssertionError("no segment holds " + id);
    }
}
