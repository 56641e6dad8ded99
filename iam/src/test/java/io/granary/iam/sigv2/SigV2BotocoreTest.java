package io.granary.iam.sigv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.granary.iam.sigv4.AuthException;
import io.granary.iam.sigv4.AuthResult;
import io.granary.iam.sigv4.HeaderMap;
import io.granary.iam.sigv4.SignedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Requests signed by botocore's own Signature V2 signers ({@code HmacV1Auth}, {@code HmacV1QueryAuth}: what the
 * aws CLI v1 and boto3 send) must verify, and fail once a byte of what is signed changes. botocore signs with
 * the current time, so the verifier runs on the system clock.
 */
@Timeout(60)
class SigV2BotocoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SigV2Verifier VERIFIER = new SigV2Verifier(SigV2VerifierTest.LOOKUP, Clock.systemUTC());
    private static final List<JsonNode> SIGNED = new ArrayList<>();

    private static void add(ArrayNode cases, String method, String url, boolean query, String... headers) {
        ObjectNode c = cases.addObject().put("method", method).put("url", url).put("query", query)
                .put("accessKey", SigV2VerifierTest.ACCESS_KEY).put("secretKey", SigV2VerifierTest.SECRET_KEY);
        ArrayNode list = c.putArray("headers");
        for (int i = 0; i < headers.length; i += 2) {
            list.addArray().add(headers[i]).add(headers[i + 1]);
        }
    }

    @BeforeAll
    static void signWithBotocore() throws Exception {
        ArrayNode cases = JSON.createArrayNode();
        add(cases, "GET", "http://127.0.0.1:9000/b/a%20b%2Bc/%C3%A9", false);
        add(cases, "PUT", "http://127.0.0.1:9000/b/k", false, "Content-Type", "text/plain", "Content-MD5",
                "1B2M2Y8AsgTpgAmY7PhCfg==", "x-amz-meta-Color", "blue", "X-Amz-Meta-Color", "green",
                "x-amz-acl", "private");
        add(cases, "GET", "http://127.0.0.1:9000/b/k?uploadId=u%2B1&partNumber=3&x-id=GetObject", false);
        add(cases, "GET", "http://127.0.0.1:9000/b/?acl", false);
        add(cases, "GET", "http://127.0.0.1:9000/b/k?response-content-type=text%2Fx%20y&prefix=z", false);
        add(cases, "GET", "http://127.0.0.1:9000/b/k%2520x", true);
        add(cases, "PUT", "http://127.0.0.1:9000/b/k", true, "Content-Type", "image/png");
        ((ObjectNode) cases.get(cases.size() - 1)).put("token", "session-token-value");
        String script;
        try (InputStream in = SigV2BotocoreTest.class.getResourceAsStream("/sigv2/botocore_sign.py")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Process python = new ProcessBuilder("python3", "-c", script, JSON.writeValueAsString(cases))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = python.getInputStream().readAllBytes();
        assertTrue(python.waitFor(30, TimeUnit.SECONDS), "python3 did not finish");
        assertEquals(0, python.exitValue(), "botocore signer failed (python3 with botocore is required)");
        JSON.readTree(out).forEach(SIGNED::add);
        assertEquals(cases.size(), SIGNED.size());
    }

    private static SignedRequest request(JsonNode signed, String method, String changedHeader) {
        URI uri = URI.create(signed.get("url").asText());
        HeaderMap.Builder headers = HeaderMap.builder().add("Host", uri.getRawAuthority());
        boolean presigned = uri.getRawQuery() != null && uri.getRawQuery().contains("Signature=");
        for (JsonNode header : signed.get("headers")) {
            String name = header.get(0).asText();
            // A presigned URL's user sends none of the headers botocore signed from, except the body's type.
            if (presigned && !name.equalsIgnoreCase("Content-Type")) continue;
            String value = name.equalsIgnoreCase(changedHeader) ? header.get(1).asText() + "x" : header.get(1).asText();
            headers.add(name, value);
        }
        return new SignedRequest(method, uri.getRawPath(), uri.getRawQuery(), headers.build());
    }

    @Test
    void headerSignedRequestsVerify() throws IOException {
        String[] methods = {"GET", "PUT", "GET", "GET", "GET"};
        for (int i = 0; i < methods.length; i++) {
            AuthResult.SignedV2 result = VERIFIER.authenticate(request(SIGNED.get(i), methods[i], null), null);
            assertEquals(SigV2VerifierTest.ACCESS_KEY, result.accessKeyId(), SIGNED.get(i).toString());
        }
    }

    @Test
    void presignedUrlsVerifyIncludingASessionTokenCarriedInTheQuery() {
        assertTrue(VERIFIER.authenticate(request(SIGNED.get(5), "GET", null), null).presigned());
        SignedRequest put = request(SIGNED.get(6), "PUT", null);
        assertTrue(put.rawQuery().contains("x-amz-security-token=session-token-value"), put.rawQuery());
        assertTrue(VERIFIER.authenticate(put, null).presigned());
    }

    @Test
    void changingASignedHeaderBreaksTheSignature() {
        for (String header : new String[] {"Content-Type", "Content-MD5", "x-amz-meta-color", "x-amz-acl"}) {
            AuthException e = assertThrows(AuthException.class,
                    () -> VERIFIER.authenticate(request(SIGNED.get(1), "PUT", header), null), header);
            assertEquals(AuthException.Reason.SIGNATURE_DOES_NOT_MATCH, e.reason(), header);
        }
    }

    @Test
    void changingTheMethodPathOrASignedSubResourceBreaksTheSignature() {
        JsonNode get = SIGNED.get(2);
        assertThrows(AuthException.class, () -> VERIFIER.authenticate(request(get, "HEAD", null), null));
        SignedRequest original = request(get, "GET", null);
        SignedRequest otherPart = new SignedRequest("GET", original.rawPath(),
                original.rawQuery().replace("partNumber=3", "partNumber=4"), original.headers());
        assertThrows(AuthException.class, () -> VERIFIER.authenticate(otherPart, null));
        SignedRequest otherKey = new SignedRequest("GET", original.rawPath() + "2", original.rawQuery(),
                original.headers());
        assertThrows(AuthException.class, () -> VERIFIER.authenticate(otherKey, null));
        SignedRequest extraParameter = new SignedRequest("GET", original.rawPath(), original.rawQuery()
                + "&max-keys=3", original.headers());
        assertEquals(SigV2VerifierTest.ACCESS_KEY, VERIFIER.authenticate(extraParameter, null).accessKeyId());
    }

    @Test
    void aTamperedPresignedUrlFails() {
        SignedRequest url = request(SIGNED.get(5), "GET", null);
        SignedRequest longer = new SignedRequest("GET", url.rawPath(), url.rawQuery().replaceFirst("Expires=(\\d)",
                "Expires=9$1"), url.headers());
        assertEquals(AuthException.Reason.SIGNATURE_DOES_NOT_MATCH,
                assertThrows(AuthException.class, () -> VERIFIER.authenticate(longer, null)).reason());
    }
}
