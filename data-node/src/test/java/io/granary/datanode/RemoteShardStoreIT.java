package io.granary.datanode;

import static io.granary.datanode.TestShards.await;
import static io.granary.datanode.TestShards.awaitFailure;
import static io.granary.datanode.TestShards.framed;
import static io.granary.datanode.TestShards.newId;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.net.ServerSocket;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shard store contract through a real data node on 127.0.0.1:0, plus the client's failure modes. */
@Timeout(120)
class RemoteShardStoreIT extends ShardStoreContract {
    static final String SECRET = "contract-test-cluster-secret";

    @Override
    ShardStore createStore() {
        ClusterSignature signature = new ClusterSignature(SECRET, Clock.systemUTC());
        LocalShardStore local = await(LocalShardStore.open(vertx, root, disk, LocalShardStore.Options.DEFAULTS));
        int port = await(new DataNodeServer(vertx, local, signature).start("127.0.0.1", 0));
        return new RemoteShardStore(vertx, "127.0.0.1", port, new ClusterSignature(SECRET, Clock.systemUTC()));
    }

    @Test
    void rangeReadsStartedFromAPlainThreadDeliverEveryByte() {
        ShardId id = newId(0);
        byte[] bytes = framed(8, 256 * 1024, 100_000, 30);
        write(id, bytes);
        for (int i = 0; i < 100; i++) {
            assertArrayEquals(bytes, await(TestShards.read(store, id, 0, bytes.length)).getBytes(), "read " + i);
        }
    }

    @Test
    void writesCutOffByTheClientNeverLeaveTempFiles() throws Exception {
        byte[] bytes = framed(2, PAYLOAD, PAYLOAD, 31);
        for (int i = 0; i < 30; i++) {
            ShardId id = newId(i % 6);
            assertKind(ShardStoreException.Kind.INVALID_ARGUMENT,
                    awaitFailure(writeFuture(id, bytes.length + 100L, bytes)));
            assertNothingVisible(id);
        }
    }

    @Test
    void nodeThatIsNotListeningIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        RemoteShardStore dead = new RemoteShardStore(vertx, "127.0.0.1", closedPort,
                new ClusterSignature(SECRET, Clock.systemUTC()));
        assertKind(ShardStoreException.Kind.UNAVAILABLE, awaitFailure(dead.stat(newId(0))));
        assertKind(ShardStoreException.Kind.UNAVAILABLE, awaitFailure(dead.health()));
    }
}
