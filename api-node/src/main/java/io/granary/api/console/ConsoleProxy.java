package io.granary.api.console;

import io.granary.iam.sigv4.PayloadMode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.Pipe;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays the browser's S3 and admin requests ({@code /s3/...} to {@code /...}, {@code /admin/...} to
 * {@code /_admin/...}) to the node's S3 listener, signed as the session: bodies are streamed both ways
 * with back-pressure ({@code UNSIGNED-PAYLOAD}, as presigned uploads are), so an upload or download is
 * never held in the console's memory. Only the request headers S3 reads are passed on; the answer,
 * S3 error XML included, goes back as S3 sent it.
 */
final class ConsoleProxy {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleProxy.class);
    /** Request headers passed to S3 besides {@code x-amz-*}: those of the operations the console uses. */
    private static final Set<String> PASSED = Set.of("content-type", "content-length", "content-md5", "range",
            "if-match", "if-none-match", "if-modified-since", "if-unmodified-since", "cache-control",
            "content-disposition", "content-encoding", "content-language", "expires");
    /** Set by the signer: a browser's own values must not reach S3. */
    private static final Set<String> SIGNER_OWNED = Set.of("x-amz-date", "x-amz-content-sha256",
            "x-amz-security-token");
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
            "te", "trailer", "upgrade", "proxy-authenticate");

    private final LoopbackS3 loopback;

    ConsoleProxy(LoopbackS3 loopback) {
        this.loopback = loopback;
    }

    /** Relays {@code in} to {@code targetUri} (raw path and query) on the S3 listener. */
    void forward(HttpServerRequest in, ConsoleSession session, String targetUri) {
        in.pause();
        loopback.open(session, "s3", in.method(), targetUri, PayloadMode.UNSIGNED_PAYLOAD)
                .compose(out -> send(in, out))
                .compose(answer -> relay(answer, in.response()))
                .onFailure(e -> failed(in, e));
    }

    private static Future<HttpClientResponse> send(HttpServerRequest in, HttpClientRequest out) {
        // Failures reach the response future (and so the browser); this only keeps Vert.x from logging them twice.
        out.exceptionHandler(e -> LOG.debug("console relay request failed", e));
        in.headers().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (PASSED.contains(lower) || lower.startsWith("x-amz-") && !SIGNER_OWNED.contains(lower)) {
                out.headers().add(name, value);
            }
        });
        boolean hasBody = in.headers().contains(HttpHeaders.CONTENT_LENGTH) || in.headers().contains(
                HttpHeaders.TRANSFER_ENCODING);
        if (!hasBody || in.method() == HttpMethod.GET || in.method() == HttpMethod.HEAD) {
            in.resume();
            return out.send();
        }
        if (!in.headers().contains(HttpHeaders.CONTENT_LENGTH)) out.setChunked(true);
        // S3 answers 100 Continue only once it accepted the request (signature, bucket, permission); a refusal
        // comes instead, before any body byte was sent, so it reaches the browser intact. Whatever the browser
        // still sends after a refusal is read and dropped.
        Pipe<Buffer> pipe = in.pipe();
        out.putHeader(HttpHeaders.EXPECT, HttpHeaders.CONTINUE);
        out.continueHandler(v -> pipe.to(out));
        return out.sendHead().compose(v -> out.response()).onComplete(answered -> pipe.close());
    }

    private static Future<Void> relay(HttpClientResponse answer, HttpServerResponse response) {
        response.setStatusCode(answer.statusCode());
        MultiMap headers = answer.headers();
        headers.forEach((name, value) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) response.headers().add(name, value);
        });
        if (!headers.contains(HttpHeaders.CONTENT_LENGTH)) response.setChunked(true);
        return answer.pipeTo(response);
    }

    private static void failed(HttpServerRequest in, Throwable e) {
        HttpServerResponse response = in.response();
        if (response.headWritten()) {
            // The status went out already: cut the connection so the browser sees a failed transfer, not a short file.
            LOG.warn("console relay of {} {} failed after the answer started", in.method(), in.path(), e);
            response.reset();
        } else if (e instanceof IllegalArgumentException) {
            ConsoleResponses.error(response, 400, "InvalidURI", e.getMessage());
        } else {
            LOG.warn("console relay of {} {} failed", in.method(), in.path(), e);
            ConsoleResponses.error(response, 502, "S3Unreachable", "The console could not reach the S3 listener");
        }
    }
}
