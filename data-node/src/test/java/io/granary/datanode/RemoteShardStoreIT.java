package io.granary.datanode;

import static io.granary.datanode.TestShards.await;
import static io.granary.datanode.TestShards.awaitFailure;
import static io.granary.datanode.TestShards.framed;
import static io.granary.datanode.TestShards.newId;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shard store contract through a real data node on 127.0.0.1:0, plus the client's failure modes. */
@Timeout(120)
class RemoteShardStoreIT extends ShardStoreContract {
    static final String SECRET = "contract-test-cluster-secret";
    private static final Duration SHORT_IDLE = Duration.ofMillis(400);
    private int port;

    @Override
    ShardStore createStore() {
        ClusterSignature signature = new ClusterSignature(SECRET, Clock.systemUTC());
        LocalShardStore local = await(LocalShardStore.open(vertx, root, disk, LocalShardStore.Options.DEFAULTS));
        port = await(new DataNodeServer(vertx, local, signature).start("127.0.0.1", 0));
        return new RemoteShardStore(vertx, "127.0.0.1", port, new ClusterSignature(SECRET, Clock.systemUTC()));
    }

    /** A client whose connections and answers time out after {@link #SHORT_IDLE}. */
    private RemoteShardStore impatient() {
        return new RemoteShardStore(vertx, "127.0.0.1", port, new ClusterSignature(SECRET, Clock.systemUTC()), null,
                4, SHORT_IDLE);
    }

    @Test
    void aBodyStillStreamingAfterTheIdleTimeoutIsWritten() {
        // Vert.x's request timeout counts received bytes only: set on the upload, it ended every shard body that
        // took longer than the timeout to send however steadily it went (the soak's 64 MiB PUTs, issue 17).
        ShardId id = newId(0);
        byte[] bytes = framed(8, PAYLOAD, PAYLOAD, 40);
        ShardInfo info = await(trickle(impatient(), id, bytes, 8, 150));
        assertEquals(bytes.length, info.length());
        assertArrayEquals(bytes, await(TestShards.read(store, id, 0, bytes.length)).getBytes());
    }

    @Test
    void aBodyThatStopsIsCutByTheIdleTimeoutAndLeavesNothing() throws Exception {
        ShardId id = newId(1);
        byte[] bytes = framed(4, PAYLOAD, PAYLOAD, 41);
        assertKind(ShardStoreException.Kind.UNAVAILABLE, awaitFailure(trickle(impatient(), id, bytes, 4, -1)));
        assertNothingVisible(id);
    }

    /**
     * Writes {@code bytes} in {@code pieces}, {@code gapMillis} apart, then ends the write; with a negative gap it
     * sends the first piece only and never ends.
     */
    private Future<ShardInfo> trickle(ShardStore target, ShardId id, byte[] bytes, int pieces, long gapMillis) {
        Promise<ShardInfo> done = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> target.openWrite(id, bytes.length).onFailure(done::fail)
                .onSuccess(writer -> {
                    writer.committed().onComplete(done);
                    send(writer, bytes, pieces, 0, gapMillis);
                }));
        return done.future();
    }

    private void send(ShardWriter writer, byte[] bytes, int pieces, int next, long gapMillis) {
        if (next == pieces) {
            writer.end();
            return;
        }
        int size = bytes.length / pieces;
        int from = next * size;
        writer.write(Buffer.buffer().appendBytes(bytes, from, next == pieces - 1 ? bytes.length - from : size));
        if (gapMillis >= 0) vertx.setTimer(gapMillis, t -> send(writer, bytes, pieces, next + 1, gapMillis));
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
