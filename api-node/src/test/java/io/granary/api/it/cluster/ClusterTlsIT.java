package io.granary.api.it.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.Launcher;
import io.granary.datanode.ClusterSignature;
import io.granary.datanode.ClusterTls;
import io.granary.datanode.NodeHealth;
import io.granary.datanode.RemoteShardStore;
import io.granary.datanode.ShardStoreException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Six data-node processes and an API node talking TLS with a cluster CA that {@code granary admin certs init}
 * made: objects round-trip; a data node answers no plaintext, refuses a client certificate from another CA,
 * and is refused by a client when its certificate does not name the host dialled.
 */
@Timeout(180)
class ClusterTlsIT {
    @RegisterExtension
    static final ProcessClusterExtension CLUSTER = new ProcessClusterExtension(List.of(), true);

    private static ProcessCluster cluster;
    private static Vertx vertx;
    private static ClusterSignature signature;

    @BeforeAll
    static void setUp() throws IOException {
        cluster = CLUSTER.cluster();
        vertx = Vertx.vertx();
        signature = ClusterSignature.fromFile(cluster.secretFile(), Clock.systemUTC());
    }

    @AfterAll
    static void tearDown() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void objectsRoundTripOverTheTlsCluster() {
        S3Client s3 = cluster.client(4);
        s3.createBucket(b -> b.bucket("tls"));
        // The API node takes the data nodes online as their first TLS health probes answer.
        Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                s3.putObject(p -> p.bucket("tls").key("first"), RequestBody.fromString("x")) != null);
        for (int size : new int[] {10_000, 5 << 20}) {
            byte[] body = new byte[size];
            new Random(size).nextBytes(body);
            s3.putObject(p -> p.bucket("tls").key("k" + size), RequestBody.fromBytes(body));
            assertArrayEquals(body, s3.getObjectAsBytes(g -> g.bucket("tls").key("k" + size)).asByteArray());
        }
    }

    @Test
    void theNodesKeyIsPrivateAndTheApiNodesCertificateWorksAsAClient() throws IOException {
        Path key = cluster.tlsDir().resolve("data-node-1").resolve(ClusterTls.KEY);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        try (RemoteShardStore client = client("127.0.0.1", 1, ClusterTls.fromDir(apiNodeTls()))) {
            NodeHealth health = join(client.health());
            assertTrue(health.totalBytes() > 0);
            assertTrue(client.location().startsWith("https://"));
        }
    }

    @Test
    void plaintextToATlsNodeGetsNoAnswer() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), cluster.dataNodePort(2))) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = readAll(socket.getInputStream());
            assertFalse(answer.startsWith("HTTP/"), "a TLS node must not speak HTTP: " + answer);
        }
        try (RemoteShardStore plaintext = client("127.0.0.1", 2, null)) {
            assertEquals(ShardStoreException.Kind.UNAVAILABLE, failure(plaintext.health()).kind());
        }
    }

    @Test
    void clientCertificateFromAnotherCaIsRefused(@TempDir Path other) throws IOException {
        assertEquals(0, Launcher.execute("admin", "certs", "init", other.toString(), "--node", "intruder=127.0.0.1"));
        Path intruder = other.resolve("intruder");
        // It trusts the cluster's CA, so only the node's check of the client certificate can refuse it.
        Files.copy(cluster.tlsDir().resolve(ClusterTls.CA), intruder.resolve(ClusterTls.CA),
                StandardCopyOption.REPLACE_EXISTING);
        try (RemoteShardStore client = client("127.0.0.1", 3, ClusterTls.fromDir(intruder))) {
            assertEquals(ShardStoreException.Kind.UNAVAILABLE, failure(client.health()).kind());
        }
    }

    @Test
    void nodeWhoseCertificateNamesAnotherHostIsRefused(@TempDir Path other) throws IOException {
        // The cluster's certificates name 127.0.0.1 only; dialled as "localhost" the name does not match.
        try (RemoteShardStore client = client("localhost", 4, ClusterTls.fromDir(apiNodeTls()))) {
            ShardStoreException refused = failure(client.health());
            assertEquals(ShardStoreException.Kind.UNAVAILABLE, refused.kind());
            assertTrue(refused.getMessage().contains("localhost") || refused.getMessage().contains("certificate"),
                    refused.getMessage());
        }
    }

    private static Path apiNodeTls() {
        return cluster.tlsDir().resolve("api-node");
    }

    private static RemoteShardStore client(String host, int node, ClusterTls tls) {
        return new RemoteShardStore(vertx, host, cluster.dataNodePort(node), signature, tls, 4);
    }

    private static <T> T join(Future<T> future) {
        return future.toCompletionStage().toCompletableFuture().join();
    }

    private static ShardStoreException failure(Future<?> future) {
        try {
            join(future);
        } catch (CompletionException e) {
            return (ShardStoreException) e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            bytes.write(buffer, 0, n);
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
