package io.granary.api.notify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The receiver's check: a genuine, fresh delivery passes; a tampered, stale, unsigned or mis-signed one does not. */
class WebhookSignatureTest {
    private static final String SECRET = "receiver-secret-0123456789";
    private static final byte[] BODY = "{\"Records\":[]}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration TOLERANCE = WebhookSignature.DEFAULT_TOLERANCE;

    private static boolean verify(String secret, long timestamp, String signature, byte[] body) {
        return WebhookSignature.verify(secret, Long.toString(timestamp), signature, body, NOW, TOLERANCE);
    }

    private static String sign(String secret, long timestamp) {
        return WebhookSignature.sign(List.of(secret), timestamp, BODY);
    }

    @Test
    void aGenuineFreshDeliveryVerifies() {
        long now = NOW.getEpochSecond();
        String signature = sign(SECRET, now);
        assertTrue(signature.matches("v1=[0-9a-f]{64}"), signature);
        assertTrue(verify(SECRET, now, signature, BODY));
        assertTrue(verify(SECRET, now - 299, sign(SECRET, now - 299), BODY));
    }

    @Test
    void aTamperedBodyAnOldTimestampOrAnotherSecretDoNot() {
        long now = NOW.getEpochSecond();
        String signature = sign(SECRET, now);
        byte[] tampered = BODY.clone();
        tampered[2] ^= 1;
        assertFalse(verify(SECRET, now, signature, tampered), "a changed byte");
        assertFalse(verify(SECRET, now + 1, signature, BODY), "the signature binds the timestamp");
        assertFalse(verify(SECRET, now - 301, sign(SECRET, now - 301), BODY), "older than 5 minutes");
        assertFalse(verify(SECRET, now + 301, sign(SECRET, now + 301), BODY), "from the future");
        assertFalse(verify("another-secret-entirely", now, signature, BODY));
        assertFalse(WebhookSignature.verify(SECRET, null, signature, BODY, NOW, TOLERANCE));
        assertFalse(WebhookSignature.verify(SECRET, "soon", signature, BODY, NOW, TOLERANCE));
        assertFalse(verify(SECRET, now, null, BODY));
        assertFalse(verify(SECRET, now, "v1=zz," + signature.replace("v1=", "v0="), BODY), "malformed, other schemes");
    }

    @Test
    void duringARotationEitherSecretVerifies() {
        long now = NOW.getEpochSecond();
        String both = WebhookSignature.sign(List.of("the-new-secret-0123456", SECRET), now, BODY);
        assertTrue(both.matches("v1=[0-9a-f]{64},v1=[0-9a-f]{64}"), both);
        assertTrue(verify(SECRET, now, both, BODY));
        assertTrue(verify("the-new-secret-0123456", now, both, BODY));
        assertFalse(verify("neither-of-the-two-secrets", now, both, BODY));
    }
}
