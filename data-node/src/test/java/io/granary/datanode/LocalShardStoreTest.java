package io.granary.datanode;

import static io.granary.datanode.TestShards.await;
import static io.granary.datanode.TestShards.framed;
import static io.granary.datanode.TestShards.newId;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shard store contract on a local disk with the default options (its small shards in segments). */
class LocalShardStoreTest extends ShardStoreContract {

    @Override
    ShardStore createStore() {
        return await(LocalShardStore.open(vertx, root, disk, LocalShardStore.Options.DEFAULTS));
    }

    @Test
    void openingRemovesTempFilesLeftByACrashAndCountsCommittedShards() throws Exception {
        byte[] bytes = framed(2, PAYLOAD, PAYLOAD, 20);
        ShardId id = newId(0);
        write(id, bytes);
        Path leftover = root.resolve(ShardPaths.TMP).resolve(newId(1) + ".crashed.part");
        Files.write(leftover, new byte[] {1, 2, 3});

        LocalShardStore reopened = await(LocalShardStore.open(vertx, root, disk, LocalShardStore.Options.DEFAULTS));

        assertFalse(Files.exists(leftover));
        assertEquals(1, await(reopened.health()).shardCount());
        assertArrayEquals(bytes, await(TestShards.read(reopened, id, 0, bytes.length)).getBytes());
    }

    @Test
    void smallShardsGoToSegmentsAndLargeOnesStayFilesInTheFanOutLayout() throws Exception {
        ShardId small = newId(2);
        write(small, framed(1, 10, 10, 21));
        ShardId large = newId(3);
        write(large, framed(2, 512 << 10, 10, 22));
        assertFalse(Files.exists(new ShardPaths(root).shardFile(small)));
        String v = large.value();
        assertTrue(Files.isRegularFile(root.resolve(v.substring(0, 2)).resolve(v.substring(2, 4)).resolve(v)));
        try (Stream<Path> segments = Files.list(root.resolve("segments"))) {
            assertEquals(1, segments.count());
        }
    }

    @Test
    void aDirectoryEmptiedWhileRunningTakesNewShards() throws Exception {
        // A large shard first, so its fan-out directory exists (and is known durable) before it is removed.
        String setId = ShardId.randomSetId();
        write(ShardId.of(setId, 0), framed(2, 512 << 10, 7, 22));
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(root)).forEach(p -> p.toFile().delete());
        }
        ShardId id = ShardId.of(setId, 3);
        byte[] bytes = framed(2, 512 << 10, 7, 23);
        write(id, bytes);
        assertArrayEquals(bytes, await(TestShards.read(store, id, 0, bytes.length)).getBytes());
    }
}
