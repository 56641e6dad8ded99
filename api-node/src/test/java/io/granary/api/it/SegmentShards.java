package io.granary.api.it;

import static io.granary.api.it.EmbeddedNode.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.granary.api.cluster.NodeSet;
import io.granary.datanode.ShardId;
import io.granary.datanode.ShardInfo;
import io.granary.datanode.ShardPage;
import io.granary.datanode.ShardStore;
import io.granary.datanode.ShardStoreException;
import io.granary.datanode.ShardWriter;
import io.granary.datanode.segment.SegmentRecord;
import io.granary.erasure.ChunkFrame;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Shards of the embedded server's segment-backed nodes seen through each node's own store (segment
 * records are not files a test can delete): which shards a PUT created, losing and restoring them,
 * reading them whole, and a byte flipped inside a segment file behind the server's back.
 */
final class SegmentShards {
    private SegmentShards() {
    }

    static Map<String, Set<ShardId>> shardsByNode(NodeSet nodes) throws Exception {
        Map<String, Set<ShardId>> all = new LinkedHashMap<>();
        for (String node : nodes.ids()) {
            Set<ShardId> ids = new TreeSet<>();
            ShardId after = null;
            do {
                ShardPage page = await(nodes.store(node).list(after, 1000));
                page.shards().forEach(info -> ids.add(info.id()));
                after = page.next();
            } while (after != null);
            all.put(node, ids);
        }
        return all;
    }

    static Map<String, Set<ShardId>> createdSince(NodeSet nodes, Map<String, Set<ShardId>> before) throws Exception {
        Map<String, Set<ShardId>> now = shardsByNode(nodes);
        now.forEach((node, ids) -> ids.removeAll(before.get(node)));
        return now;
    }

    /** Deletes the shards from the node's store, returning their bytes for {@link #restore}. */
    static Map<ShardId, byte[]> lose(NodeSet nodes, String node, Set<ShardId> ids) throws Exception {
        ShardStore store = nodes.store(node);
        Map<ShardId, byte[]> lost = new LinkedHashMap<>();
        for (ShardId id : ids) {
            lost.put(id, readShard(store, id));
            await(store.delete(id));
        }
        return lost;
    }

    /**
     * Writes the lost shards back. The heal worker may be rebuilding the same shards meanwhile (GETs queue
     * the missing ones); it writes the same bytes, so a write refused because of it is retried until the
     * shard reads back as it was, whoever wrote it.
     */
    static void restore(NodeSet nodes, Map<ShardId, byte[]> lost, Map<String, Set<ShardId>> ours) throws Exception {
        for (var shard : lost.entrySet()) {
            ShardStore store = store(nodes, shard.getKey(), ours);
            org.awaitility.Awaitility.await("restored " + shard.getKey()).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> matches(store, shard.getKey(), shard.getValue()) || writeBack(store, shard));
            assertArrayEquals(shard.getValue(), readShard(store, shard.getKey()), "restored " + shard.getKey());
        }
    }

    /** One attempt to write a lost shard back; false if it raced with the heal worker's own write. */
    private static boolean writeBack(ShardStore store, Map.Entry<ShardId, byte[]> shard) {
        try {
            ShardWriter writer = await(store.openWrite(shard.getKey(), shard.getValue().length));
            writer.write(Buffer.buffer(shard.getValue()));
            writer.end();
            await(writer.committed());
            return matches(store, shard.getKey(), shard.getValue());
        } catch (Exception raced) {
            return false;
        }
    }

    static ShardStore store(NodeSet nodes, ShardId id, Map<String, Set<ShardId>> ours) {
        String node = ours.entrySet().stream().filter(e -> e.getValue().contains(id)).findFirst().orElseThrow()
                .getKey();
        return nodes.store(node);
    }

    static byte[] readShard(ShardStore store, ShardId id) throws Exception {
        ShardInfo info = await(store.stat(id));
        ReadStream<Buffer> stream = await(store.read(id, 0, info.length()));
        Promise<Buffer> all = Promise.promise();
        Buffer bytes = Buffer.buffer();
        stream.exceptionHandler(all::tryFail);
        stream.endHandler(v -> all.tryComplete(bytes));
        stream.handler(bytes::appendBuffer);
        return await(all.future()).getBytes();
    }

    static boolean matches(ShardStore store, ShardId id, byte[] expected) {
        try {
            return java.util.Arrays.equals(expected, readShard(store, id));
        } catch (Exception e) {
            return false;
        }
    }

    static ShardStoreException assertCorrupt(ShardStore store, ShardId id) {
        try {
            readShard(store, id);
        } catch (Exception e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ShardStoreException s) return s;
            }
            throw new AssertionError("expected a CORRUPT read of " + id, e);
        }
        throw new AssertionError("a flipped byte must make " + id + " CORRUPT");
    }

    /** Flips a payload byte of the shard's first frame inside its segment record, under the store's feet. */
    static void flipInSegment(Path nodeDir, ShardId id) throws Exception {
        byte[] needle = id.value().getBytes(StandardCharsets.US_ASCII);
        try (Stream<Path> segments = Files.list(nodeDir.resolve("segments"))) {
            for (Path segment : segments.toList()) {
                byte[] bytes = Files.readAllBytes(segment);
                int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(new String(needle,
                        StandardCharsets.ISO_8859_1));
                if (at < 0) continue;
                int payload = at - 8 + SegmentRecord.HEADER_SIZE;
                try (var channel = java.nio.channels.FileChannel.open(segment,
                        java.nio.file.StandardOpenOption.WRITE)) {
                    int flipAt = payload + ChunkFrame.HEADER_SIZE + 10;
                    channel.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) (bytes[flipAt] ^ 0x20)}), flipAt);
                }
                return;
            }
        }
        throw new AssertionError("no segment holds " + id);
    }

}
