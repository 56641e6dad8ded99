package io.granary.iam.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vector of the AWS SigV4 test suite (shared/sigv4-test-suite), header and query form: the verifier
 * accepts the signed request, and the canonical request, string to sign and signature it computes are the
 * files' byte for byte (read back from the SignatureDoesNotMatch details after zeroing the signature). The
 * suite is for a generic service, so it runs with {@link SigningRules#generic} (path normalisation per the
 * vector's flag, body hash when x-amz-content-sha256 is absent); S3's non-normalising rule is checked against
 * the *-unnormalized siblings of the normalising vectors.
 */
class SigV4TestSuiteTest {
    private static final String ZERO_SIGNATURE = "0".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Named<Path>> vectors() throws IOException {
        Path root = Path.of(System.getProperty("granary.shared.dir"), "sigv4-test-suite");
        assertTrue(Files.isDirectory(root), "missing SigV4 test suite at " + root);
        List<Path> dirs;
        try (Stream<Path> list = Files.list(root)) {
            dirs = list.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(dirs.size() >= 30, "expected the full suite, found " + dirs.size() + " vectors");
        return dirs.stream().map(d -> Named.of(d.getFileName().toString(), d));
    }

    static Stream<Named<Path>> normalizingVectors() throws IOException {
        return vectors().filter(v -> v.getName().endsWith("-normalized")
                && Files.isDirectory(v.getPayload().resolveSibling(v.getName().replace("-normalized",
                "-unnormalized"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void headerSignedRequestMatchesTheSuite(Path dir) throws IOException {
        checkForm(dir, "header");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void presignedRequestMatchesTheSuite(Path dir) throws IOException {
        checkForm(dir, "query");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("normalizingVectors")
    void s3CanonicalUriDoesNotNormaliseAndMatchesTheUnnormalizedVector(Path dir) throws IOException {
        HttpMessageFile request = HttpMessageFile.parse(read(dir, "request.txt"));
        Path sibling = dir.resolveSibling(dir.getFileName().toString().replace("-normalized", "-unnormalized"));
        String expected = read(sibling, "header-canonical-request.txt").split("\n")[1];
        assertEquals(expected, CanonicalRequest.canonicalUri(request.rawPath(), false));
    }

    private static void checkForm(Path dir, String form) throws IOException {
        JsonNode context = JSON.readTree(dir.resolve("context.json").toFile());
        HttpMessageFile signed = HttpMessageFile.parse(read(dir, form + "-signed-request.txt"));
        if (context.path("omit_session_token").asBoolean(false)) {
            // The signer added the token after signing (it is not in the canonical request); S3 would
            // require it signed, so verify the request as it was signed.
            signed = withoutSessionToken(signed);
        }
        byte[] body = HttpMessageFile.parse(read(dir, "request.txt")).body();
        SigV4Verifier verifier = verifier(context, body);
        String signature = read(dir, form + "-signature.txt").strip();

        AuthResult result = verifier.authenticate(signed.toSignedRequest());
        AuthResult.Authenticated authenticated = assertInstanceOf(AuthResult.Authenticated.class, result);
        assertEquals(context.at("/credentials/access_key_id").asText(), authenticated.accessKeyId());
        assertEquals(signature, authenticated.signature());
        assertEquals("query".equals(form), authenticated.presigned());

        SignedRequest tampered = withSignature(signed, signature, ZERO_SIGNATURE).toSignedRequest();
        AuthException e = assertThrows(AuthException.class, () -> verifier.authenticate(tampered));
        assertEquals(AuthException.Reason.SIGNATURE_DOES_NOT_MATCH, e.reason());
        assertEquals(read(dir, form + "-canonical-request.txt"), e.details().get("CanonicalRequest"));
        assertEquals(read(dir, form + "-string-to-sign.txt"), e.details().get("StringToSign"));
        assertEquals(ZERO_SIGNATURE, e.details().get("SignatureProvided"));
    }

    private static SigV4Verifier verifier(JsonNode context, byte[] body) {
        String accessKey = context.at("/credentials/access_key_id").asText();
        String secret = context.at("/credentials/secret_access_key").asText();
        Clock clock = Clock.fixed(Instant.parse(context.get("timestamp").asText()), ZoneOffset.UTC);
        SigningRules rules = SigningRules.generic(context.get("service").asText(), context.get("region").asText(),
                context.get("normalize").asBoolean(), SigV4Signing.sha256Hex(body));
        CredentialLookup lookup = id -> id.equals(accessKey)
                ? Optional.of(new Credential(accessKey, secret, "suite-user")) : Optional.empty();
        return new SigV4Verifier(lookup, new SigningKeyCache(16), clock, rules);
    }

    private static HttpMessageFile withoutSessionToken(HttpMessageFile m) {
        String query = Stream.of(m.rawQuery().split("&")).filter(p -> !p.startsWith("X-Amz-Security-Token="))
                .reduce((a, b) -> a + "&" + b).orElse("");
        List<String[]> headers = m.headers().stream().filter(h -> !h[0].equalsIgnoreCase("X-Amz-Security-Token"))
                .toList();
        return new HttpMessageFile(m.method(), m.rawPath(), query, headers, m.body());
    }

    private static HttpMessageFile withSignature(HttpMessageFile m, String from, String to) {
        List<String[]> headers = m.headers().stream().map(h -> new String[] {h[0], h[1].replace(from, to)}).toList();
        return new HttpMessageFile(m.method(), m.rawPath(), m.rawQuery().replace(from, to), headers, m.body());
    }

    private static String read(Path dir, String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
    }
}
