package io.granary.api.error;

import io.granary.api.xml.ErrorDocument;
import io.granary.api.xml.XmlWriter;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only writer of S3 error answers: status, {@code Content-Type: application/xml} and the error
 * document (no body for HEAD). Internal errors are logged once, with the request id, and the client
 * sees only the generic message. If the status line has already gone out (a GET that loses its read
 * quorum mid-body), the status cannot change any more: the connection is reset so the client sees a
 * broken transfer, never a truncated 200 that looks complete.
 */
public final class ErrorResponder {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);
    /**
     * Headers stamped on every answer before the handler ran, which an error answer keeps; so are the CORS
     * headers ({@code Access-Control-*}, {@code Vary}), which S3 sends on errors too so a script can read them.
     */
    private static final Set<String> KEPT_HEADERS = Set.of("x-amz-request-id", "x-amz-id-2", "server", "connection",
            "vary", "retry-after");
    private static final String CORS_PREFIX = "access-control-";

    private ErrorResponder() {
    }

    /**
     * Answers {@code request} with the S3 error for {@code failure}.
     *
     * @param requestId the id already sent as {@code x-amz-request-id}
     * @param hostId    the id already sent as {@code x-amz-id-2}
     */
    public static void send(HttpServerRequest request, String requestId, String hostId, Throwable failure) {
        S3Exception error = ErrorMapping.toS3(failure);
        HttpServerResponse response = request.response();
        // A failure on a connection the client closed is the client leaving, and one after the request was
        // already answered (a body that broke while paused) is that answer's aftermath: neither is a fault.
        if (error.error() == S3Error.INTERNAL_ERROR && !response.closed() && !response.ended()) {
            LOG.error("request {} {} {} failed", requestId, request.method(), request.path(), failure);
        } else if (error.error() == S3Error.SERVICE_UNAVAILABLE && error.getCause() != null) {
            // The cluster could not serve it (too few nodes, a full disk): the operator needs the why.
            LOG.warn("request {} {} {}: {} (cause: {})", requestId, request.method(), request.path(),
                    error.getMessage(), error.getCause().getMessage());
        }
        if (response.headWritten() || response.ended() || response.closed()) {
            response.reset();
            return;
        }
        response.setStatusCode(error.error().status());
        if (error.error() == S3Error.NOT_MODIFIED) {
            response.end();
            return;
        }
        dropAnswerHeaders(response);
        error.headers().forEach(response::putHeader);
        if (request.method() == HttpMethod.HEAD) {
            response.end();
            return;
        }
        String resource = error.resource() != null ? error.resource() : request.path();
        ErrorDocument document = new ErrorDocument(error.error().code(), error.getMessage(), resource, requestId,
                hostId, error.extras());
        // A body we did not read (an error answered before streaming) would poison keep-alive, so that
        // connection closes, and says so: a client that pools it would otherwise send into a closed socket.
        boolean unreadBody = !request.isEnded() && mayHaveBody(request);
        if (unreadBody) response.putHeader("Connection", "close");
        response.putHeader("Content-Type", "application/xml").end(XmlWriter.write(document));
        if (unreadBody) {
            request.connection().close();
        } else if (!request.isEnded()) {
            request.resume();
        }
    }

    /**
     * Removes what a handler already set for the answer it meant to give (Content-Length and
     * Content-Range of an object, its validators and metadata): they do not describe an error document,
     * and a stale Content-Length would leave the client waiting for bytes that never come.
     */
    private static void dropAnswerHeaders(HttpServerResponse response) {
        for (String name : Set.copyOf(response.headers().names())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!KEPT_HEADERS.contains(lower) && !lower.startsWith(CORS_PREFIX)) response.headers().remove(name);
        }
    }

    private static boolean mayHaveBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        return request.getHeader("Transfer-Encoding") != null || length != null && !length.trim().equals("0");
    }
}
