package io.granary.datanode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.granary.datanode.ClusterSignature.Protection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSignatureTest {
    static final String SECRET = "unit-test-secret-value";
    static final Clock NOW = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    static final NodeIdentity SELF = NodeIdentity.random();

    final ClusterSignature node = new ClusterSignature(SECRET, NOW);
    final ClusterSignature client = new ClusterSignature(SECRET, NOW);

    @Test
    void signedRequestVerifiesOnce() {
        Map<String, String> headers = sign(client, "GET", "/shards?limit=5", -1);
        verify("GET", "/shards?limit=5", -1, headers);
        assertForbidden(() -> verify("GET", "/shards?limit=5", -1, headers));
    }

    @Test
    void anyChangedPartIsForbidden() {
        Map<String, String> headers = sign(client, "PUT", "/shards/x", 100);
        assertForbidden(() -> verify("PUT", "/shards/y", 100, headers));
        assertForbidden(() -> verify("DELETE", "/shards/x", 100, headers));
        assertForbidden(() -> verify("PUT", "/shards/x", 101, headers));
        for (String name : new String[] {ClusterSignature.COUNTER, ClusterSignature.SESSION,
            ClusterSignature.PROTECTION, ClusterSignature.DATE}) {
            Map<String, String> changed = new HashMap<>(headers);
            changed.put(name, name.equals(ClusterSignature.PROTECTION) ? "TLS"
                    : name.equals(ClusterSignature.DATE) ? "20260301T120001Z" : "1" + headers.get(name));
            assertForbidden(() -> verify("PUT", "/shards/x", 100, changed));
        }
        verify("PUT", "/shards/x", 100, headers);
    }

    @Test
    void requestForAnotherNodeOrAnEarlierRunIsForbidden() {
        Map<String, String> other = client.sign("DELETE", "/shards/x", -1, NodeIdentity.random(), Protection.MAC)
                .headers();
        ShardStoreException e = assertForbidden(() -> verify("DELETE", "/shards/x", -1, other));
        assertEquals("cluster signature refused: request signed for another node", e.getMessage());
        NodeIdentity earlier = new NodeIdentity(SELF.nodeId(), NodeIdentity.randomHex());
        Map<String, String> stale = client.sign("DELETE", "/shards/x", -1, earlier, Protection.MAC).headers();
        assertEquals("cluster signature refused: request signed for an earlier run of this node",
                assertForbidden(() -> verify("DELETE", "/shards/x", -1, stale)).getMessage());
        Map<String, String> unknown = client.sign("GET", "/health", -1, NodeIdentity.UNKNOWN, Protection.MAC)
                .headers();
        assertForbidden(() -> verify("GET", "/health", -1, unknown));
        Map<String, String> identity = client.sign("GET", "/identity", -1, NodeIdentity.UNKNOWN, Protection.MAC)
                .headers();
        node.verify("GET", "/identity", -1, identity::get, SELF, true, false);
    }

    @Test
    void tlsProtectionIsRefusedOnAPlaintextConnection() {
        Map<String, String> headers = client.sign("GET", "/health", -1, SELF, Protection.TLS).headers();
        assertEquals("cluster signature refused: TLS protection claimed on a plaintext connection",
                assertForbidden(() -> verify("GET", "/health", -1, headers)).getMessage());
        Map<String, String> again = client.sign("GET", "/health", -1, SELF, Protection.TLS).headers();
        node.verify("GET", "/health", -1, again::get, SELF, false, true);
    }

    @Test
    void chunkedBodyIsSignedAsSuchAndNotAsAnyLength() {
        Map<String, String> headers = sign(client, "PUT", "/shards/x", ClusterSignature.CHUNKED_BODY);
        assertForbidden(() -> verify("PUT", "/shards/x", -1, headers));
        assertForbidden(() -> verify("PUT", "/shards/x", 0, headers));
        verify("PUT", "/shards/x", ClusterSignature.CHUNKED_BODY, headers);
    }

    @Test
    void wrongSecretAndMissingHeadersAreForbiddenWithoutEchoingTheSecret() {
        Map<String, String> headers = sign(new ClusterSignature("other-secret", NOW), "GET", "/health", -1);
        ShardStoreException e = assertForbidden(() -> verify("GET", "/health", -1, headers));
        assertFalse(e.getMessage().contains(SECRET));
        assertForbidden(() -> node.verify("GET", "/health", -1, name -> null, SELF, false, false));
        assertFalse(node.toString().contains(SECRET));
    }

    @Test
    void timestampsOutsideFiveMinutesAreForbidden() {
        for (Duration skew : new Duration[] {Duration.ofMinutes(-6), Duration.ofMinutes(6)}) {
            Map<String, String> headers = sign(new ClusterSignature(SECRET, Clock.offset(NOW, skew)), "GET", "/h", -1);
            assertForbidden(() -> verify("GET", "/h", -1, headers));
        }
        verify("GET", "/h", -1, sign(new ClusterSignature(SECRET, Clock.offset(NOW, Duration.ofMinutes(-4))),
                "GET", "/h", -1));
    }

    @Test
    void replayedRequestIsForbiddenButANewSignatureIsNot() {
        Map<String, String> headers = sign(client, "DELETE", "/shards/x", -1);
        verify("DELETE", "/shards/x", -1, headers);
        assertEquals("cluster signature refused: replayed request",
                assertForbidden(() -> verify("DELETE", "/shards/x", -1, headers)).getMessage());
        verify("DELETE", "/shards/x", -1, sign(client, "DELETE", "/shards/x", -1));
    }

    @Test
    void responseSealBindsStatusHeadersAndBodyToTheRequest() {
        Exchange sent = client.sign("GET", "/health", -1, SELF, Protection.MAC);
        Exchange received = node.verify("GET", "/health", -1, sent.headers()::get, SELF, false, false);
        Map<String, String> response = new HashMap<>(Map.of(ClusterSignature.NODE_ID, SELF.nodeId(),
                ClusterSignature.INCARNATION, SELF.incarnation()));
        String body = Exchange.bodyHash("{}".getBytes());
        response.put(ClusterSignature.RESPONSE_SIGNATURE, received.seal(200, response::get, body));
        sent.checkSeal(200, response::get, body, "n");
        assertUnauthenticated(() -> sent.checkSeal(201, response::get, body, "n"));
        assertUnauthenticated(() -> sent.checkSeal(200, response::get, Exchange.bodyHash(new byte[1]), "n"));
        Exchange other = client.sign("GET", "/health", -1, SELF, Protection.MAC);
        assertUnauthenticated(() -> other.checkSeal(200, response::get, body, "n"));
        response.put(ShardHttp.ERROR_KIND, "NOT_FOUND");
        assertUnauthenticated(() -> sent.checkSeal(200, response::get, body, "n"));
    }

    @Test
    void secretFileMustExistAndHoldASecret(@TempDir Path dir) throws Exception {
        assertThrows(IllegalArgumentException.class, () -> ClusterSignature.fromFile(dir.resolve("none"), NOW));
        Path empty = Files.writeString(dir.resolve("empty"), " \n");
        assertThrows(IllegalArgumentException.class, () -> ClusterSignature.fromFile(empty, NOW));
        Path file = Files.writeString(dir.resolve("secret"), SECRET + "\n");
        verify("GET", "/health", -1, sign(ClusterSignature.fromFile(file, NOW), "GET", "/health", -1));
    }

    private static Map<String, String> sign(ClusterSignature signer, String method, String uri, long length) {
        return signer.sign(method, uri, length, SELF, Protection.MAC).headers();
    }

    private void verify(String method, String uri, long length, Map<String, String> headers) {
        node.verify(method, uri, length, headers::get, SELF, false, false);
    }

    private static void assertUnauthenticated(org.junit.jupiter.api.function.Executable call) {
        assertEquals(ShardStoreException.Kind.UNAVAILABLE, assertThrows(ShardStoreException.class, call).kind());
    }

    private static ShardStoreException assertForbidden(org.junit.jupiter.api.function.Executable call) {
        ShardStoreException e = assertThrows(ShardStoreException.class, call);
        assertEquals(ShardStoreException.Kind.FORBIDDEN, e.kind());
        return e;
    }
}
