package io.granary.datanode;

import static io.granary.datanode.TestShards.await;
import static io.granary.datanode.TestShards.awaitFailure;
import static io.granary.datanode.TestShards.framed;
import static io.granary.datanode.TestShards.newId;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real data node refuses what it must: crafted shard ids (whatever they spell, no file outside the data
 * directory is touched), unsigned requests, the wrong secret, stale timestamps, replayed requests, requests
 * signed for another node, and shard bodies that do not match their MAC. Requests go over a raw socket so no
 * client library normalises the path first.
 */
@Timeout(60)
class DataNodeSecurityIT {
    static final String SECRET = "security-test-cluster-secret";

    @TempDir
    Path base;
    Path dataDir;
    Vertx vertx;
    int port;
    ClusterSignature signer;
    final NodeIdentity self = NodeIdentity.random();

    @BeforeEach
    void startNode() throws IOException {
        vertx = Vertx.vertx();
        dataDir = Files.createDirectory(base.resolve("data"));
        Files.writeString(base.resolve("victim"), "must survive");
        LocalShardStore store = await(LocalShardStore.open(vertx, dataDir, vertx.createSharedWorkerExecutor("d", 2)));
        port = await(new DataNodeServer(vertx, store, new ClusterSignature(SECRET, Clock.systemUTC()), self, null)
                .start("127.0.0.1", 0));
        signer = new ClusterSignature(SECRET, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        await(vertx.close());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"../victim", "..%2fvictim", "%2e%2e%2fvictim", "..%2F..%2Fvictim", "/etc/passwd",
        "%2fetc%2fpasswd", "aaaaaaaaaaaaaaaaaaaaaaaaaa-0", "aaaaaaaaaaaaaaaaaaaaaaaaaa-000",
        "AAAAAAAAAAAAAAAAAAAAAAAAAA-00", "aaaaaaaaaaaaaaaaaaaaaaaaa\u00e9-00", "aaaaaaaaaaaaaaaaaaaaaaaaa%C3%A9-00",
        "aaaaaaaaaaaaaaaaaaaaaaaaa.-00", "aaaaaaaaaaaaaaaaaaaaaaaaaaa00", "..", "."})
    void craftedShardIdsAreRefusedWithoutTouchingFilesOutsideTheRoot(String crafted) throws IOException {
        String uri = "/shards/" + crafted;
        byte[] body = framed(1, 10, 10, 1);
        Exchange putExchange = sign("PUT", uri, body.length);
        int put = send("PUT", uri, putExchange.headers(), tagged(putExchange, body));
        int get = send("GET", uri + "?offset=0&length=0", sign("GET", uri + "?offset=0&length=0", -1).headers(), null);
        int delete = send("DELETE", "/shards/../victim", sign("DELETE", "/shards/../victim", -1).headers(), null);
        for (int status : List.of(put, get, delete)) {
            assertTrue(status == 400 || status == 403 || status == 404, crafted + " answered " + status);
        }
        assertEquals("must survive", Files.readString(base.resolve("victim")));
        try (Stream<Path> all = Files.walk(base)) {
            assertTrue(all.allMatch(p -> p.startsWith(dataDir) || p.equals(base) || p.endsWith("victim")));
        }
        try (Stream<Path> all = Files.walk(dataDir)) {
            // The segment volume's open segment exists from the start; a crafted id must add nothing.
            assertTrue(all.filter(p -> !p.startsWith(dataDir.resolve("segments")))
                    .noneMatch(Files::isRegularFile), "no file may be created for " + crafted);
        }
    }

    @Test
    void unsignedRequestIsForbidden() throws IOException {
        assertEquals(403, send("GET", "/health", Map.of(), null));
        assertEquals(403, send("DELETE", "/shards/" + newId(0), Map.of(), null));
    }

    @Test
    void wrongSecretIsForbiddenAndNeverEchoed() {
        RemoteShardStore intruder = new RemoteShardStore(vertx, "127.0.0.1", port,
                new ClusterSignature("not-the-cluster-secret", Clock.systemUTC()));
        // The node's refusal is sealed with the real key, so the intruder cannot even trust that answer.
        ShardStoreException refused = awaitFailure(intruder.health());
        assertEquals(ShardStoreException.Kind.UNAVAILABLE, refused.kind());
        assertTrue(refused.getMessage().contains("failed authentication"), refused.getMessage());
        assertFalse(refused.getMessage().contains(SECRET) || refused.getMessage().contains("not-the-cluster-secret"));
        assertFalse(signer.toString().contains(SECRET));
    }

    @Test
    void staleOrFutureTimestampIsForbidden() {
        for (Duration offset : List.of(Duration.ofMinutes(-6), Duration.ofMinutes(6))) {
            ClusterSignature skewed = new ClusterSignature(SECRET, Clock.offset(Clock.systemUTC(), offset));
            RemoteShardStore late = new RemoteShardStore(vertx, "127.0.0.1", port, skewed);
            assertEquals(ShardStoreException.Kind.FORBIDDEN, awaitFailure(late.health()).kind());
        }
    }

    @Test
    void replayedRequestsAreForbidden() throws IOException {
        ShardId id = newId(1);
        byte[] body = framed(1, 10, 10, 2);
        Exchange put = sign("PUT", "/shards/" + id, body.length);
        assertEquals(201, send("PUT", "/shards/" + id, put.headers(), tagged(put, body)));
        Exchange stat = sign("HEAD", "/shards/" + id, -1);
        assertEquals(200, send("HEAD", "/shards/" + id, stat.headers(), null));
        Map<String, String> deleteHeaders = sign("DELETE", "/shards/" + id, -1).headers();
        assertEquals(204, send("DELETE", "/shards/" + id, deleteHeaders, null));
        assertEquals(403, send("PUT", "/shards/" + id, put.headers(), tagged(put, body)), "replayed PUT");
        assertEquals(403, send("DELETE", "/shards/" + id, deleteHeaders, null), "replayed DELETE");
        assertEquals(403, send("HEAD", "/shards/" + id, stat.headers(), null), "replayed HEAD");
        assertEquals(ShardStoreException.Kind.NOT_FOUND,
                awaitFailure(new RemoteShardStore(vertx, "127.0.0.1", port, signer).stat(id)).kind(),
                "the replayed PUT committed nothing");
    }

    @Test
    void tamperedRequestIsForbidden() throws IOException {
        ShardId id = newId(2);
        Map<String, String> headers = sign("DELETE", "/shards/" + id, -1).headers();
        assertEquals(403, send("DELETE", "/shards/" + newId(2), headers, null), "other path");
        assertEquals(403, send("GET", "/shards/" + id + "?offset=0&length=0", headers, null), "other method");
    }

    @Test
    void requestSignedForAnotherNodeIsForbidden() throws IOException {
        Map<String, String> other = signer.sign("GET", "/health", -1, NodeIdentity.random(),
                ClusterSignature.Protection.MAC).headers();
        assertEquals(403, send("GET", "/health", other, null));
        Map<String, String> mine = sign("GET", "/health", -1).headers();
        assertEquals(200, send("GET", "/health", mine, null));
    }

    @Test
    void bodyThatDoesNotMatchItsMacIsRefusedAndNothingCommitted() throws IOException {
        ShardId id = newId(3);
        byte[] sent = framed(2, 4096, 1000, 3);
        // Same length, valid CRC32C on every frame: only the MAC tells them apart.
        byte[] tampered = framed(2, 4096, 1000, 4);
        Exchange put = sign("PUT", "/shards/" + id, sent.length);
        byte[] body = tagged(put, sent);
        System.arraycopy(tampered, 0, body, 0, tampered.length);
        assertEquals(403, send("PUT", "/shards/" + id, put.headers(), body));
        Exchange untagged = sign("PUT", "/shards/" + id, sent.length);
        byte[] cut = java.util.Arrays.copyOf(tagged(untagged, sent), sent.length + BodyMac.TAG_BYTES);
        cut[cut.length - 1] ^= 1;
        assertEquals(403, send("PUT", "/shards/" + id, untagged.headers(), cut), "wrong tag");
        RemoteShardStore client = new RemoteShardStore(vertx, "127.0.0.1", port, signer);
        assertEquals(ShardStoreException.Kind.NOT_FOUND, awaitFailure(client.stat(id)).kind());
        Exchange honest = sign("PUT", "/shards/" + id, sent.length);
        assertEquals(201, send("PUT", "/shards/" + id, honest.headers(), tagged(honest, sent)));
        assertArrayEquals(sent, await(TestShards.read(client, id, 0, sent.length)).getBytes());
    }

    private Exchange sign(String method, String uri, long shardLength) {
        return signer.sign(method, uri, shardLength, self, ClusterSignature.Protection.MAC);
    }

    /** The shard bytes followed by their tag, as the API node sends them. */
    static byte[] tagged(Exchange exchange, byte[] shard) {
        javax.crypto.Mac mac = io.granary.iam.sigv4.SigV4Signing.newHmacSha256(exchange.key());
        mac.update(("GRANARY2-BODY\n" + exchange.signature() + "\n").getBytes(StandardCharsets.US_ASCII));
        byte[] tag = mac.doFinal(shard);
        byte[] body = java.util.Arrays.copyOf(shard, shard.length + tag.length);
        System.arraycopy(tag, 0, body, shard.length, tag.length);
        return body;
    }

    private int send(String method, String rawUri, Map<String, String> headers, byte[] body) throws IOException {
        return send(port, method, rawUri, headers, body);
    }

    /**
     * Sends one request over a fresh socket, byte for byte, and returns the status code. A body waits for
     * {@code 100 Continue}: a node that refuses on the headers answers at once, and a body written into a
     * connection it already closed would race its answer.
     */
    static int send(int port, String method, String rawUri, Map<String, String> headers, byte[] body)
            throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            StringBuilder head = new StringBuilder(method + " " + rawUri + " HTTP/1.1\r\nhost: 127.0.0.1\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append("content-length: ").append(body.length).append("\r\nexpect: 100-continue\r\n");
            }
            head.append("connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            int status = Integer.parseInt(readLine(in).split(" ")[1]);
            if (status != 100) return status;
            readLine(in);
            out.write(body);
            out.flush();
            return Integer.parseInt(readLine(in).split(" ")[1]);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) line.write(b);
        return line.toString(StandardCharsets.UTF_8).trim();
    }
}
