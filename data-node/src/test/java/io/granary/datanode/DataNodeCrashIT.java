package io.granary.datanode;

import static io.granary.datanode.TestShards.await;
import static io.granary.datanode.TestShards.framed;
import static io.granary.datanode.TestShards.newId;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data node child JVM killed with kill -9 in the middle of concurrent shard writes: after a restart on
 * the same directory every acknowledged shard reads back intact, every visible shard is complete (one whose
 * commit finished but whose answer was lost may be visible; a partial one never), and no temp file is left.
 * SIGTERM stops the node cleanly. Replays survive no restart: the node's incarnation changes with it.
 */
@Timeout(180)
class DataNodeCrashIT {
    static final String SECRET = "crash-test-cluster-secret";
    static final int IN_FLIGHT = 8;
    static final int ACKS_BEFORE_KILL = 12;

    @TempDir
    Path base;
    Path dataDir;
    Path secretFile;
    Vertx vertx;

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        dataDir = base.resolve("data");
        secretFile = DataNodeProcess.writeSecret(base.resolve("cluster-secret"), SECRET);
    }

    @AfterEach
    void tearDown() {
        await(vertx.close());
    }

    @Test
    void killedNodeKeepsEveryAcknowledgedShardAndNoPartialOne() throws Exception {
        Map<ShardId, byte[]> attempted = new ConcurrentHashMap<>();
        Set<ShardId> acknowledged = ConcurrentHashMap.newKeySet();
        try (DataNodeProcess node = DataNodeProcess.start(dataDir, secretFile, base.resolve("node1.log"))) {
            RemoteShardStore remote = remote(node.port());
            List<Future<ShardInfo>> writes = new ArrayList<>();
            int next = 0;
            while (acknowledged.size() < ACKS_BEFORE_KILL && next < 400) {
                while (writes.size() - doneCount(writes) < IN_FLIGHT) {
                    ShardId id = newId(next % 6);
                    byte[] bytes = framed(8, 256 * 1024, 100_000, next++);
                    attempted.put(id, bytes);
                    writes.add(TestShards.writeFrom(vertx, remote, id, bytes).onSuccess(info -> acknowledged.add(id)));
                }
                awaitInFlightBelow(writes, IN_FLIGHT);
            }
            Future<ShardInfo> held = holdOpenWrite(remote, attempted, next);
            node.kill();
            Set<ShardId> ackedAtKill = Set.copyOf(acknowledged);
            awaitSettled(writes);
            TestShards.awaitFailure(held);
            assertTrue(acknowledged.containsAll(ackedAtKill));
        }
        try (DataNodeProcess node = DataNodeProcess.start(dataDir, secretFile, base.resolve("node2.log"))) {
            RemoteShardStore remote = remote(node.port());
            for (ShardId id : acknowledged) {
                byte[] expected = attempted.get(id);
                assertArrayEquals(expected, await(TestShards.read(remote, id, 0, expected.length)).getBytes());
            }
            Map<ShardId, Long> visible = new HashMap<>();
            await(remote.list(null, 1000)).shards().forEach(info -> visible.put(info.id(), info.length()));
            assertTrue(visible.keySet().containsAll(acknowledged));
            for (ShardId id : visible.keySet()) {
                byte[] expected = attempted.get(id);
                assertEquals(expected.length, visible.get(id), "visible shard " + id + " must be complete");
                assertArrayEquals(expected, await(TestShards.read(remote, id, 0, expected.length)).getBytes());
            }
            assertEquals(visible.size(), await(remote.health()).shardCount());
        }
        try (Stream<Path> temps = Files.list(dataDir.resolve(ShardPaths.TMP))) {
            assertEquals(0, temps.count(), "temp files left by the crash must be removed at startup");
        }
    }

    /**
     * kill -9 during a burst of 4 KiB shard writes, which go to the group-committed segment volume: every
     * acknowledged shard reads back bit-exact after the restart, every visible one is complete, and
     * recovery cuts the torn tail. Whether the kill itself tore a record depends on timing, so the torn
     * record a kill mid-append leaves (a header and part of its payload) is also appended, and the
     * restarted node must log that it truncated it.
     */
    @Test
    void killedNodeKeepsEveryAcknowledgedSmallShardAndTruncatesTheTornTail() throws Exception {
        Map<ShardId, byte[]> attempted = new ConcurrentHashMap<>();
        Set<ShardId> acknowledged = ConcurrentHashMap.newKeySet();
        try (DataNodeProcess node = DataNodeProcess.start(dataDir, secretFile, base.resolve("small1.log"))) {
            RemoteShardStore remote = remote(node.port());
            List<Future<ShardInfo>> writes = new ArrayList<>();
            int next = 0;
            while (acknowledged.size() < 200 && next < 5000) {
                while (writes.size() - doneCount(writes) < 4 * IN_FLIGHT) {
                    ShardId id = newId(next % 6);
                    byte[] bytes = framed(1, 4096, 4096, next++);
                    attempted.put(id, bytes);
                    writes.add(TestShards.writeFrom(vertx, remote, id, bytes).onSuccess(info -> acknowledged.add(id)));
                }
                awaitInFlightBelow(writes, 4 * IN_FLIGHT);
            }
            node.kill();
            Set<ShardId> ackedAtKill = Set.copyOf(acknowledged);
            awaitSettled(writes);
            assertTrue(acknowledged.containsAll(ackedAtKill));
        }
        appendTornRecord(lastSegment());
        Path log = base.resolve("small2.log");
        try (DataNodeProcess node = DataNodeProcess.start(dataDir, secretFile, log)) {
            RemoteShardStore remote = remote(node.port());
            for (ShardId id : acknowledged) {
                byte[] expected = attempted.get(id);
                assertArrayEquals(expected, await(TestShards.read(remote, id, 0, expected.length)).getBytes());
            }
            Map<ShardId, Long> visible = new HashMap<>();
            ShardId after = null;
            do {
                ShardPage page = await(remote.list(after, 1000));
                page.shards().forEach(info -> visible.put(info.id(), info.length()));
                after = page.next();
            } while (after != null);
            assertTrue(visible.keySet().containsAll(acknowledged));
            for (ShardId id : visible.keySet()) {
                byte[] expected = attempted.get(id);
                assertEquals(expected.length, visible.get(id), "visible shard " + id + " must be complete");
                assertArrayEquals(expected, await(TestShards.read(remote, id, 0, expected.length)).getBytes());
            }
            assertEquals(visible.size(), await(remote.health()).shardCount());
        }
        assertTrue(Files.readString(log).contains("recovery truncated a torn or corrupt tail"),
                "the restarted node must log the truncation");
    }

    private Path lastSegment() throws Exception {
        try (Stream<Path> files = Files.list(dataDir.resolve("segments"))) {
            return files.sorted().reduce((first, second) -> second).orElseThrow();
        }
    }

    /** Appends the first record's header and half its payload: what a kill in the middle of an append leaves. */
    private static void appendTornRecord(Path segment) throws Exception {
        byte[] head = new byte[64 + 2048];
        try (var in = Files.newInputStream(segment)) {
            assertEquals(head.length, in.readNBytes(head, 0, head.length));
        }
        Files.write(segment, head, java.nio.file.StandardOpenOption.APPEND);
    }

    @Test
    void sigtermStopsTheNodeCleanly() throws Exception {
        try (DataNodeProcess node = DataNodeProcess.start(dataDir, secretFile, base.resolve("node.log"))) {
            RemoteShardStore remote = remote(node.port());
            ShardId id = newId(0);
            byte[] bytes = framed(2, 1024, 1024, 1);
            await(TestShards.writeFrom(vertx, remote, id, bytes));
            node.process().destroy();
            assertTrue(node.process().waitFor(60, TimeUnit.SECONDS));
            int exit = node.process().exitValue();
            assertTrue(exit == 0 || exit == 128 + 15, "exit code " + exit);
        }
        try (DataNodeProcess node = DataNodeProcess.start(dataDir, secretFile, base.resolve("node2.log"))) {
            assertEquals(1, await(remote(node.port()).health()).shardCount());
        }
    }

    /**
     * A write with half its bytes sent and no end, in flight when the node dies: the kill always cuts off
     * at least one write, however fast the others were.
     */
    private static Future<ShardInfo> holdOpenWrite(RemoteShardStore remote, Map<ShardId, byte[]> attempted,
                                                   int seed) {
        ShardId id = newId(0);
        byte[] bytes = framed(8, 256 * 1024, 100_000, seed);
        attempted.put(id, bytes);
        ShardWriter writer = await(remote.openWrite(id, bytes.length));
        await(writer.write(Buffer.buffer().appendBytes(bytes, 0, bytes.length / 2)));
        return writer.committed();
    }

    private RemoteShardStore remote(int port) {
        return new RemoteShardStore(vertx, "127.0.0.1", port, new ClusterSignature(SECRET, Clock.systemUTC()));
    }

    /** Paces a burst: returns once fewer than {@code bound} of {@code writes} are still in flight. */
    private static void awaitInFlightBelow(List<Future<ShardInfo>> writes, int bound) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(1)).until(() -> writes.size() - doneCount(writes) < bound);
    }

    private static long doneCount(List<Future<ShardInfo>> writes) {
        return writes.stream().filter(Future::isComplete).count();
    }

    private static void awaitSettled(List<Future<ShardInfo>> writes) {
        await(Future.join(writes).otherwiseEmpty());
    }

    /**
     * A captured request is refused by the run it was meant for and, after a kill -9 and restart (an empty
     * replay guard), by the new run too, because it names the old incarnation.
     */
    @Test
    void capturedRequestsAreRefusedBeforeAndAfterARestart() throws Exception {
        ClusterSignature signer = new ClusterSignature(SECRET, Clock.systemUTC());
        ShardId kept = newId(0);
        ShardId doomed = newId(1);
        byte[] bytes = framed(3, 64 * 1024, 1000, 7);
        Exchange put;
        Exchange delete;
        NodeIdentity first;
        RemoteShardStore client;
        try (DataNodeProcess node = DataNodeProcess.start(dataDir, secretFile, base.resolve("node1.log"))) {
            client = new RemoteShardStore(vertx, "127.0.0.1", node.port(), signer);
            await(client.health());
            first = client.identity();
            await(TestShards.writeFrom(vertx, client, kept, bytes));
            put = signer.sign("PUT", "/shards/" + doomed, bytes.length, first, ClusterSignature.Protection.MAC);
            assertEquals(201, DataNodeSecurityIT.send(node.port(), "PUT", "/shards/" + doomed, put.headers(),
                    DataNodeSecurityIT.tagged(put, bytes)));
            delete = signer.sign("DELETE", "/shards/" + doomed, -1, first, ClusterSignature.Protection.MAC);
            assertEquals(204, DataNodeSecurityIT.send(node.port(), "DELETE", "/shards/" + doomed, delete.headers(),
                    null));
            assertEquals(403, DataNodeSecurityIT.send(node.port(), "PUT", "/shards/" + doomed, put.headers(),
                    DataNodeSecurityIT.tagged(put, bytes)), "replayed PUT, same run");
            node.kill();
        }
        try (DataNodeProcess node = DataNodeProcess.start(dataDir, secretFile, base.resolve("node2.log"))) {
            assertEquals(403, DataNodeSecurityIT.send(node.port(), "PUT", "/shards/" + doomed, put.headers(),
                    DataNodeSecurityIT.tagged(put, bytes)), "replayed PUT after the restart");
            assertEquals(403, DataNodeSecurityIT.send(node.port(), "DELETE", "/shards/" + kept,
                    signer.sign("DELETE", "/shards/" + kept, -1, first, ClusterSignature.Protection.MAC).headers(),
                    null), "a new request signed for the old run");
            RemoteShardStore again = new RemoteShardStore(vertx, "127.0.0.1", node.port(), signer);
            assertEquals(ShardStoreException.Kind.NOT_FOUND, TestShards.awaitFailure(again.stat(doomed)).kind());
            assertArrayEquals(bytes, await(TestShards.read(again, kept, 0, bytes.length)).getBytes());
            NodeIdentity second = again.identity();
            assertEquals(first.nodeId(), second.nodeId(), "the node id lives in the data directory");
            assertNotEquals(first.incarnation(), second.incarnation());
            client.close();
        }
    }

    /** An honest client carries on across the restart by signing for the new incarnation. */
    @Test
    void aClientThatKnewTheOldRunRetriesForTheNewOne() throws Exception {
        RemoteShardStore client;
        ShardId id = newId(2);
        byte[] bytes = framed(2, 4096, 100, 9);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        NodeIdentity first;
        try (DataNodeProcess node = DataNodeProcess.start(dataDir, secretFile, base.resolve("node1.log"), port)) {
            client = new RemoteShardStore(vertx, "127.0.0.1", port, new ClusterSignature(SECRET, Clock.systemUTC()));
            await(TestShards.writeFrom(vertx, client, id, bytes));
            first = client.identity();
            node.kill();
        }
        try (DataNodeProcess node = DataNodeProcess.start(dataDir, secretFile, base.resolve("node2.log"), port)) {
            // Signed for the old run, refused, signed again for the new one: the caller sees only the answer.
            assertEquals(bytes.length, await(client.stat(id)).length());
            assertNotEquals(first.incarnation(), client.identity().incarnation());
            assertArrayEquals(bytes, await(TestShards.read(client, id, 0, bytes.length)).getBytes());
            client.close();
        }
    }
}
