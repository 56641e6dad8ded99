package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.it.RawHttpClient.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Raw-HTTP tests of the issue-15 details not covered elsewhere (see docs/conformance.md). */
@Timeout(60)
class DetailsIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final byte[] BODY = "details".getBytes(StandardCharsets.US_ASCII);

    private static String bucket;
    private static RawHttpClient http;

    @BeforeAll
    static void createBucket() throws IOException {
        http = new RawHttpClient(SERVER.port());
        bucket = GranaryServerExtension.newBucket();
        assertEquals(200, http.send(request("PUT", "/" + bucket, "").signed().wire()).status());
    }

    /**
     * What botocore and the AWS SDKs send: the value's UTF-8 bytes, signed as such. The signature verifies
     * over those raw bytes, and the value comes back as S3 returns non-ASCII metadata, an RFC 2047 word.
     */
    @Test
    void nonAsciiMetadataSentAsUtf8VerifiesAndComesBackRfc2047Encoded() throws IOException {
        Response put = http.send(request("PUT", "/" + bucket + "/meta-utf8", "").header("x-amz-meta-city", "Zürich")
                .header("x-amz-meta-plain", "ascii").body(BODY).signed().wire());
        assertEquals(200, put.status(), put.text());
        Response head = http.send(request("HEAD", "/" + bucket + "/meta-utf8", "").signed().wire());
        assertEquals("=?UTF-8?B?" + Base64.getEncoder().encodeToString("Zürich".getBytes(StandardCharsets.UTF_8))
                + "?=", head.header("x-amz-meta-city"));
        assertEquals("ascii", head.header("x-amz-meta-plain"));
    }

    /** An old client's ISO-8859-1 bytes (not valid UTF-8) are taken as the characters they are. */
    @Test
    void nonAsciiMetadataSentAsLatin1BytesVerifies() throws IOException {
        byte[] wire = latin1Head(request("PUT", "/" + bucket + "/meta-latin1", "").header("x-amz-meta-city", "Zürich")
                .body(BODY).signed().wire());
        Response put = http.send(wire);
        assertEquals(200, put.status(), put.text());
        Response head = http.send(request("HEAD", "/" + bucket + "/meta-latin1", "").signed().wire());
        assertTrue(head.header("x-amz-meta-city").startsWith("=?UTF-8?B?"), head.header("x-amz-meta-city"));
    }

    private static byte[] latin1Head(byte[] utf8Wire) {
        return new String(utf8Wire, StandardCharsets.UTF_8).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static RawRequest request(String method, String path, String query) {
        return RawRequest.of(method, path, query).header("Host", "127.0.0.1:" + SERVER.port());
    }
}
