package io.granary.datanode;

import static io.granary.datanode.TestShards.await;
import static io.granary.datanode.TestShards.framed;
import static io.granary.datanode.TestShards.newId;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays against a real data-node process: a captured request is refused by the run it was meant for and,
 * after a kill -9 and restart (an empty replay guard), by the new run too, because it names the old
 * incarnation. An honest client carries on across the restart by signing for the new one.
 */
@Timeout(120)
class DataNodeReplayIT {
    static final String SECRET = "replay-test-cluster-secret";

    @TempDir
    Path base;
    Path dataDir;
    Path secretFile;
    Vertx vertx;

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        dataDir = base.resolve("data");
        secretFile = base.resolve("cluster-secret");
        Files.writeString(secretFile, SECRET + "\n");
        Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void tearDown() {
        await(vertx.close());
    }

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
