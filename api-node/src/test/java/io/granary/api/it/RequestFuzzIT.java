package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.it.RawHttpClient.Exchange;
import io.granary.api.it.RawHttpClient.Response;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A seeded raw-HTTP fuzzer over the router, the header parsers, the body parsers and the framing
 * (see {@link RequestFuzzer}), for a bounded time. Every request must be answered without a 5xx (501
 * {@code NotImplemented}, S3's answer for what it does not do, excepted) and within the client's read
 * timeout; every error answer is an S3 error document whose {@code <RequestId>} is the
 * {@code x-amz-request-id} (HEAD: the header); only a request whose framing is broken may be answered by
 * a closed connection. Every 20 cases, and at the end, a good request on a fresh connection must still
 * be served. The seed is printed; {@code -Dfuzz.seed=N} replays it, {@code -Dfuzz.millis=M} sets the
 * time budget (default 40 s).
 */
@Timeout(180)
class RequestFuzzIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final Pattern REQUEST_ID = Pattern.compile("<RequestId>([^<]*)</RequestId>");
    private static final byte[] CANARY = "still here".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_REPORTED = 25;

    @Test
    void noRequestGetsA5xxAHangOrAnAnswerThatIsNotS3() throws IOException {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        long budgetMillis = Long.getLong("fuzz.millis", 40_000);
        System.out.println("RequestFuzzIT seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        RawHttpClient http = new RawHttpClient(SERVER.port());
        String host = "127.0.0.1:" + SERVER.port();
        String canary = GranaryServerExtension.newBucket();
        String target = GranaryServerExtension.newBucket();
        send(http, RawRequest.of("PUT", "/" + canary).header("Host", host).signed());
        send(http, RawRequest.of("PUT", "/" + canary + "/object").header("Host", host).body(CANARY).signed());
        String uploadId = prepareTarget(http, host, target);
        RequestFuzzer fuzzer = new RequestFuzzer(seed, host, target, "existing", uploadId);

        List<String> problems = new ArrayList<>();
        long deadline = System.nanoTime() + budgetMillis * 1_000_000;
        int cases = 0;
        while (System.nanoTime() < deadline && problems.size() < MAX_REPORTED) {
            FuzzCase next = fuzzer.next();
            String problem = check(http, next);
            if (problem != null) {
                problems.add("case " + cases + ": " + problem + "\n    " + next.description() + "\n    "
                        + printable(next.wire()));
            }
            if (++cases % 20 == 0) {
                assertCanaryServed(http, host, canary, seed);
                prepareTarget(http, host, target);
            }
        }
        assertCanaryServed(http, host, canary, seed);
        System.out.println("RequestFuzzIT ran " + cases + " cases with seed " + seed);
        assertTrue(problems.isEmpty(), "seed " + seed + ": " + problems.size() + " bad answers:\n"
                + String.join("\n", problems));
        assertTrue(cases >= 100, "only " + cases + " cases ran within the time budget");
    }

    /** What is wrong with the answer to {@code next}, or null. */
    private static String check(RawHttpClient http, FuzzCase next) throws IOException {
        Exchange exchange;
        try {
            exchange = http.exchange(next.wire(), next.halfClose(), 1);
        } catch (AssertionError e) {
            return e.getMessage();
        }
        if (exchange.closedWithoutAnswer()) {
            return next.mayClose() ? null : "the connection closed without an answer";
        }
        Response response = exchange.first();
        String body = response.text();
        boolean head = next.description().startsWith("HEAD ");
        boolean notImplemented = response.status() == 501 && (head || body.contains("<Code>NotImplemented</Code>"));
        if (response.status() >= 500 && !notImplemented) {
            return "status " + response.status() + " " + response.headers() + " " + abbreviate(body);
        }
        if (response.status() < 400) return null;
        String requestId = response.header("x-amz-request-id");
        if (requestId == null) return "error " + response.status() + " without x-amz-request-id";
        // A HEAD answer has no body; its error is in the status and the request id header.
        if (head && body.isEmpty()) return null;
        Matcher id = REQUEST_ID.matcher(body);
        if (!body.contains("<Code>") || !id.find()) return "error " + response.status() + " is not S3 XML: "
                + abbreviate(body);
        if (!id.group(1).equals(requestId)) return "RequestId " + id.group(1) + " differs from the header " + requestId;
        return null;
    }

    /** (Re)creates the bucket the fuzzer aims at, an object in it and an upload in progress. */
    private static String prepareTarget(RawHttpClient http, String host, String target) throws IOException {
        http.send(RawRequest.of("PUT", "/" + target).header("Host", host).signed().wire());
        send(http, RawRequest.of("PUT", "/" + target + "/existing").header("Host", host).body(CANARY).signed());
        Response created = send(http, RawRequest.of("POST", "/" + target + "/upload", "uploads").header("Host", host)
                .signed());
        Matcher id = Pattern.compile("<UploadId>([^<]+)</UploadId>").matcher(created.text());
        assertTrue(id.find(), created.text());
        return URLEncoder.encode(id.group(1), StandardCharsets.UTF_8);
    }

    private static void assertCanaryServed(RawHttpClient http, String host, String canary, long seed)
            throws IOException {
        Response response = http.send(RawRequest.of("GET", "/" + canary + "/object").header("Host", host).signed()
                .wire());
        assertEquals(200, response.status(), "seed " + seed + ": a good request after the fuzz cases: "
                + response.text());
        assertArrayEquals(CANARY, response.body());
    }

    private static Response send(RawHttpClient http, RawRequest request) throws IOException {
        Response response = http.send(request.wire());
        assertEquals(200, response.status(), response.text());
        return response;
    }

    /** The start of a request's bytes, CR and LF shown as escapes. */
    private static String printable(byte[] wire) {
        return new String(wire, 0, Math.min(400, wire.length), StandardCharsets.ISO_8859_1).replace("\r", "\\r")
                .replace("\n", "\\n");
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
