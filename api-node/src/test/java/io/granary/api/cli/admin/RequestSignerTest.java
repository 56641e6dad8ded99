package io.granary.api.cli.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.granary.iam.sigv4.AuthException;
import io.granary.iam.sigv4.AuthResult;
import io.granary.iam.sigv4.Credential;
import io.granary.iam.sigv4.HeaderMap;
import io.granary.iam.sigv4.SigV4Verifier;
import io.granary.iam.sigv4.SignedRequest;
import io.granary.iam.sigv4.SigningKeyCache;
import io.granary.iam.sigv4.SigningRules;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestSignerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final SigV4Verifier VERIFIER = new SigV4Verifier(
            id -> id.equals("AKADMIN") ? Optional.of(new Credential("AKADMIN", "admin-secret", "root"))
                    : Optional.empty(),
            new SigningKeyCache(10), Clock.fixed(NOW, ZoneOffset.UTC), SigningRules.s3(null));

    private static AuthResult verify(String method, URI uri, Map<String, String> signed) {
        HeaderMap.Builder headers = HeaderMap.builder().add("Host", uri.getHost() + ":" + uri.getPort());
        signed.forEach(headers::add);
        return VERIFIER.authenticate(new SignedRequest(method, uri.getRawPath(), uri.getRawQuery(), headers.build()));
    }

    @Test
    void theServersVerifierAcceptsWhatTheSignerSigns() {
        URI uri = URI.create("http://127.0.0.1:9000/_admin/drill" + AdminClient.encode(Map.of("nodes",
                "node-2,node-5")));
        Map<String, String> headers = new RequestSigner("AKADMIN", "admin-secret", "us-east-1").sign("POST", uri,
                new byte[0], NOW);
        AuthResult.Authenticated auth = assertInstanceOf(AuthResult.Authenticated.class, verify("POST", uri,
                headers));
        assertEquals("AKADMIN", auth.accessKeyId());
    }

    @Test
    void aWrongSecretFailsVerification() {
        URI uri = URI.create("http://127.0.0.1:9000/_admin/status");
        Map<String, String> headers = new RequestSigner("AKADMIN", "not-it", "us-east-1").sign("GET", uri,
                new byte[0], NOW);
        AuthException e = assertThrows(AuthException.class, () -> verify("GET", uri, headers));
        assertEquals(AuthException.Reason.SIGNATURE_DOES_NOT_MATCH, e.reason());
    }

    @Test
    void queryValuesAreEncodedTheWaySigV4CanonicalisesThem() {
        assertEquals("?with=http%3A%2F%2Fh%3A1%2Fa%20b~", AdminClient.encode(Map.of("with", "http://h:1/a b~")));
        assertEquals("", AdminClient.encode(Map.of()));
    }
}
