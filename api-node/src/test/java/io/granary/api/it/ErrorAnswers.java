package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.it.RawHttpClient.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Assertions on S3 error answers read over raw HTTP. */
final class ErrorAnswers {
    private static final Pattern REQUEST_ID = Pattern.compile("<RequestId>([^<]*)</RequestId>");

    private ErrorAnswers() {
    }

    /**
     * Asserts an S3 error answer: the status, the {@code <Code>}, a complete XML body whose
     * {@code <RequestId>} equals the {@code x-amz-request-id} header, and an {@code x-amz-id-2}; returns the body.
     */
    static String assertError(Response response, int status, String code) {
        String body = response.text();
        assertEquals(status, response.status(), body);
        assertTrue(response.complete(), "the error body was cut short: " + body);
        assertTrue(body.contains("<Code>" + code + "</Code>"), "expected " + code + " in " + body);
        String requestId = response.header("x-amz-request-id");
        assertNotNull(requestId, "x-amz-request-id header");
        assertNotNull(response.header("x-amz-id-2"), "x-amz-id-2 header");
        Matcher matcher = REQUEST_ID.matcher(body);
        assertTrue(matcher.find(), "RequestId element in " + body);
        assertEquals(requestId, matcher.group(1));
        assertTrue(response.header("content-type").startsWith("application/xml"), response.header("content-type"));
        return body;
    }
}
