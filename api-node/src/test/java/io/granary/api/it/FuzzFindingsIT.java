package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.it.RawHttpClient.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One regression test per fault {@link RequestFuzzIT} found, each as the smallest request that showed it.
 */
@Timeout(60)
class FuzzFindingsIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final byte[] BODY = "fuzz".getBytes(StandardCharsets.US_ASCII);

    private static RawBucket fixture;
    private static String bucket;
    private static RawHttpClient http;

    @BeforeAll
    static void createBucket() throws IOException {
        fixture = RawBucket.create(SERVER);
        bucket = fixture.name;
        http = fixture.http;
        assertEquals(200, http.send(request("PUT", "/" + bucket + "/k", "").body(BODY).signed().wire()).status());
    }

    /** Found: an error document naming a path with NUL failed to serialise, and the request never got an answer. */
    @Test
    void aNulInTheBucketNameIsAnsweredWithAnErrorDocument() throws IOException {
        String body = ErrorAnswers.assertError(http.send(request("GET", "/b%00/k", "").signed().wire()), 400,
                "InvalidBucketName");
        assertFalse(body.contains("\u0000"), body);
        Response put = http.send(request("PUT", "/b%00/k", "").body(new byte[100]).wire());
        assertTrue(put.status() >= 400 && put.status() < 500, put.text());
    }

    /** XML 1.0 cannot carry most C0 controls: a key holding one lists with U+FFFD, never a failed document. */
    @Test
    void aKeyWithAControlCharacterListsAsValidXml() throws IOException {
        assertEquals(200, http.send(request("PUT", "/" + bucket + "/ctl%01key", "").body(BODY).signed().wire())
                .status());
        Response list = http.send(request("GET", "/" + bucket, "list-type=2&prefix=ctl").signed().wire());
        assertEquals(200, list.status(), list.text());
        assertTrue(list.text().contains("<Key>ctl\uFFFDkey</Key>"), list.text());
        Response encoded = http.send(request("GET", "/" + bucket, "list-type=2&prefix=ctl&encoding-type=url")
                .signed().wire());
        assertTrue(encoded.text().contains("<Key>ctl%01key</Key>"), encoded.text());
    }

    /** Found: a malformed percent-escape in a query value was a 500 from Vert.x's parameter decoding. */
    @ParameterizedTest
    @ValueSource(strings = {"a=%zz", "prefix=%a%C3%A9", "list-type=2&prefix=%", "delimiter=%2"})
    void aMalformedQueryEscapeIsInvalidUri(String query) throws IOException {
        ErrorAnswers.assertError(http.send(request("GET", "/" + bucket, query).signed().wire()), 400, "InvalidURI");
    }

    /** Found: a {@code response-*} override holding NUL (or VT, FF) was a 500 when the header was set. */
    @ParameterizedTest
    @ValueSource(strings = {"%00", "a%0Bb", "a%0Cb", "x%7F"})
    void aResponseOverrideHoldingAControlCharacterIsInvalidArgument(String value) throws IOException {
        ErrorAnswers.assertError(http.send(request("GET", "/" + bucket + "/k", "response-expires=" + value)
                .signed().wire()), 400, "InvalidArgument");
    }

    /** Found: an anonymous form POST to the IAM/STS Query endpoint with an odd query was a 500 ServiceFailure. */
    @Test
    void anOddAnonymousQueryCallIsAClientError() throws IOException {
        Response response = http.send(request("POST", "/", "x-id=a/ab%C3%A9/c2&legal-hold=0%c0&legal-hold=0%c0")
                .header("Content-Type", "application/x-www-form-urlencoded").header("x-amz-mp-object-size",
                        "99999999999999999999").wire());
        assertTrue(response.status() >= 400 && response.status() < 500, response.status() + " " + response.text());
    }

    /** Found: a broken chunked body on an anonymous query call (STS, by its form) was a 500 ServiceFailure. */
    @Test
    void aBrokenChunkedBodyOnAQueryCallIsAClientError() throws IOException {
        Response response = http.send(request("POST", "/", "list-type=2")
                .header("Content-Type", "application/x-www-form-urlencoded").header("Transfer-Encoding", "chunked")
                .noAutomaticLength().body("zz\r\nAction=x\r\n".getBytes(StandardCharsets.US_ASCII)).wire());
        assertTrue(response.status() >= 400 && response.status() < 500, response.status() + " " + response.text());
    }

    /** Found: Vert.x compares HTTP versions by identity and answered a lower-case version with a bare 501. */
    @Test
    void aLowerCaseHttpVersionIsServed() throws IOException {
        byte[] wire = new String(request("GET", "/" + bucket + "/k", "").signed().wire(), StandardCharsets.ISO_8859_1)
                .replaceFirst(" HTTP/1.1", " http/1.1").getBytes(StandardCharsets.ISO_8859_1);
        Response response = http.send(wire);
        assertEquals(200, response.status(), response.text());
        assertArrayEquals(BODY, response.body());
    }

    /**
     * Found: another HTTP version in the request line got a bare 501 without an S3 error document, and a
     * malformed request claiming it was answered in that version.
     */
    @ParameterizedTest
    @ValueSource(strings = {"HTTP/2.0", "HTTP/9.9"})
    void anotherHttpVersionIsAMalformedRequest(String version) throws IOException {
        byte[] wire = new String(request("GET", "/" + bucket + "/k", "").signed().wire(), StandardCharsets.ISO_8859_1)
                .replaceFirst("HTTP/1.1", version).getBytes(StandardCharsets.ISO_8859_1);
        ErrorAnswers.assertError(http.send(wire), 400, "InvalidRequest");
        byte[] alsoBadHeader = new String(wire, StandardCharsets.ISO_8859_1)
                .replaceFirst("\r\n", "\r\nx-bad name: v\r\n").getBytes(StandardCharsets.ISO_8859_1);
        ErrorAnswers.assertError(http.send(alsoBadHeader), 400, "InvalidRequest");
    }

    private static RawRequest request(String method, String path, String query) {
        return fixture.request(method, path, query);
    }
}
