package io.granary.datanode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    final ClusterSignature node = new ClusterSignature(SECRET, NOW);

    @Test
    void signedRequestVerifies() {
        Map<String, String> headers = new ClusterSignature(SECRET, NOW).sign("GET", "/shards?limit=5", -1);
        node.verify("GET", "/shards?limit=5", -1, headers::get);
        node.verify("GET", "/shards?limit=5", -1, headers::get);
    }

    @Test
    void anyChangedPartIsForbidden() {
        Map<String, String> headers = new ClusterSignature(SECRET, NOW).sign("PUT", "/shards/x", 100);
        assertForbidden(() -> node.verify("PUT", "/shards/y", 100, headers::get));
        assertForbidden(() -> node.verify("DELETE", "/shards/x", 100, headers::get));
        assertForbidden(() -> node.verify("PUT", "/shards/x", 101, headers::get));
        Map<String, String> nonce = new HashMap<>(headers);
        nonce.put(ClusterSignature.NONCE, "0".repeat(32));
        assertForbidden(() -> node.verify("PUT", "/shards/x", 100, nonce::get));
    }

    @Test
    void chunkedBodyIsSignedAsSuchAndNotAsAnyLength() {
        Map<String, String> headers = new ClusterSignature(SECRET, NOW).sign("PUT", "/shards/x",
                ClusterSignature.CHUNKED_BODY);
        assertEquals(ClusterSignature.UNSIGNED_PAYLOAD, headers.get(ClusterSignature.CONTENT_SHA256));
        assertForbidden(() -> node.verify("PUT", "/shards/x", -1, headers::get));
        assertForbidden(() -> node.verify("PUT", "/shards/x", 0, headers::get));
        node.verify("PUT", "/shards/x", ClusterSignature.CHUNKED_BODY, headers::get);
    }

    @Test
    void wrongSecretAndMissingHeadersAreForbiddenWithoutEchoingTheSecret() {
        Map<String, String> headers = new ClusterSignature("other-secret", NOW).sign("GET", "/health", -1);
        ShardStoreException e = assertForbidden(() -> node.verify("GET", "/health", -1, headers::get));
        assertFalse(e.getMessage().contains(SECRET));
        assertForbidden(() -> node.verify("GET", "/health", -1, name -> null));
        assertFalse(node.toString().contains(SECRET));
    }

    @Test
    void timestampsOutsideFiveMinutesAreForbidden() {
        for (Duration skew : new Duration[] {Duration.ofMinutes(-6), Duration.ofMinutes(6)}) {
            Map<String, String> headers = new ClusterSignature(SECRET, Clock.offset(NOW, skew)).sign("GET", "/h", -1);
            assertForbidden(() -> node.verify("GET", "/h", -1, headers::get));
        }
        Map<String, String> edge = new ClusterSignature(SECRET, Clock.offset(NOW, Duration.ofMinutes(-4)))
                .sign("GET", "/h", -1);
        node.verify("GET", "/h", -1, edge::get);
    }

    @Test
    void replayedMutationIsForbiddenButANewSignatureIsNot() {
        ClusterSignature client = new ClusterSignature(SECRET, NOW);
        Map<String, String> headers = client.sign("DELETE", "/shards/x", -1);
        node.verify("DELETE", "/shards/x", -1, headers::get);
        assertForbidden(() -> node.verify("DELETE", "/shards/x", -1, headers::get));
        Map<String, String> retry = client.sign("DELETE", "/shards/x", -1);
        node.verify("DELETE", "/shards/x", -1, retry::get);
    }

    @Test
    void secretFileMustExistAndHoldASecret(@TempDir Path dir) throws Exception {
        assertThrows(IllegalArgumentException.class, () -> ClusterSignature.fromFile(dir.resolve("none"), NOW));
        Path empty = Files.writeString(dir.resolve("empty"), " \n");
        assertThrows(IllegalArgumentException.class, () -> ClusterSignature.fromFile(empty, NOW));
        Path file = Files.writeString(dir.resolve("secret"), SECRET + "\n");
        Map<String, String> headers = ClusterSignature.fromFile(file, NOW).sign("GET", "/health", -1);
        node.verify("GET", "/health", -1, headers::get);
    }

    private static ShardStoreException assertForbidden(org.junit.jupiter.api.function.Executable call) {
        ShardStoreException e = assertThrows(ShardStoreException.class, call);
        assertEquals(ShardStoreException.Kind.FORBIDDEN, e.kind());
        return e;
    }
}
