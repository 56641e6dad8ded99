package io.granary.api.http;

import io.granary.api.error.ErrorResponder;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.limits.Admission;
import io.granary.api.limits.ClientGuard;
import io.granary.api.metrics.GranaryMetrics;
import io.granary.api.tls.ListenerTls;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Locale;
import java.util.function.Function;

/**
 * The S3 HTTP front door: every request gets its ids; one signed for IAM or STS ({@link SignedService})
 * goes to the Query endpoint, the others are routed by {@link S3Router} and handed to the dispatcher;
 * every failure, including malformed HTTP that never reaches a handler, becomes an S3 XML error through
 * {@link ErrorResponder}. Bodies are left paused for the handler to authenticate first.
 * Every request, answered or cut off, is recorded once in the metrics when its answer ends. Connections and
 * requests pass the {@link ClientGuard} first: its deadlines and caps (503 SlowDown beyond them).
 */
public final class S3Server {
    /** S3 accepts 8 KiB of request headers; we allow a little more for long presigned URLs. */
    static final int MAX_HEADER_BYTES = 16 * 1024;
    static final int MAX_REQUEST_LINE = 16 * 1024;

    private final Vertx vertx;
    private final S3Router router;
    private final Function<S3Request, Future<Void>> dispatcher;
    private final GranaryMetrics metrics;
    private final String adminPrefix;
    private final Function<S3Request, Future<Void>> admin;
    private final QueryApi query;
    private HttpServer server;
    private ClientGuard guard;

    /** The IAM and STS Query endpoint: answers the request itself, errors included. */
    public interface QueryApi {
        void handle(S3Request request, SignedService service);
    }

    /**
     * @param dispatcher runs the operation; it answers the request itself and its future fails only
     *                   with what should become the error answer
     * @param adminPrefix the path under which requests go to {@code admin} instead of S3 routing
     * @param admin       answers admin requests itself, errors included (its future is not used)
     * @param query       answers the requests {@link SignedService} sends to IAM or STS
     */
    public S3Server(Vertx vertx, S3Router router, Function<S3Request, Future<Void>> dispatcher,
            GranaryMetrics metrics, String adminPrefix, Function<S3Request, Future<Void>> admin, QueryApi query) {
        this.vertx = vertx;
        this.router = router;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.adminPrefix = adminPrefix;
        this.admin = admin;
        this.query = query;
    }

    /**
     * Starts listening, with TLS when {@code tls} says so and the limits of {@code guard} (shared by every
     * listener of the node); the future holds the bound port (useful with port 0).
     */
    public Future<Integer> listen(String host, int port, ListenerTls tls, ClientGuard guard) {
        this.guard = guard;
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setMaxHeaderSize(MAX_HEADER_BYTES)
                .setMaxInitialLineLength(MAX_REQUEST_LINE)
                .setHandle100ContinueAutomatically(false)
                // S3 speaks HTTP/1.1 only. Clients that offer an h2c upgrade (java.net.http does by default)
                // must get HTTP/1.1: the aws-chunked, 100-continue and close-after-error paths assume it.
                .setHttp2ClearTextEnabled(false)
                .setCompressionSupported(false)
                .setDecompressionSupported(false)
                // A backstop only: the guard's deadlines are shorter.
                .setIdleTimeout(120)
                .setTcpNoDelay(true);
        server = vertx.createHttpServer(tls.secure(options))
                .invalidRequestHandler(this::invalidRequest)
                .connectionHandler(connection -> {
                    // The guard's deadlines go after the framing guard: a RequestTimeout must not be renamed.
                    HttpFramingGuard.install(connection);
                    guard.connected(connection);
                })
                .requestHandler(this::handle);
        return server.listen().onSuccess(tls::track).map(HttpServer::actualPort);
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.shutdown();
    }

    private void handle(HttpServerRequest http) {
        long arrived = System.nanoTime();
        http.pause();
        String requestId = RequestIds.requestId();
        String hostId = RequestIds.hostId();
        stampHeaders(http.response(), requestId, hostId);
        // A body that breaks while nothing reads it yet (still paused for authentication) is answered at
        // once: the connection closes right after. A reader installs its own handler and fails with it.
        http.exceptionHandler(failure -> {
            if (failure instanceof S3Exception) ErrorResponder.send(http, requestId, hostId, failure);
        });
        Query parsed;
        try {
            parsed = Query.parse(http.query());
        } catch (S3Exception malformed) {
            recordWhenAnswered(http, GranaryMetrics.UNROUTED, new Answer(requestId, "", arrived, null));
            ErrorResponder.send(http, requestId, hostId, S3Exception.of(S3Error.INVALID_URI).withResource(http.uri()));
            return;
        }
        String accessKey = SignedService.accessKey(parsed, http.getHeader(S3Headers.AUTHORIZATION));
        Admission admission = guard.admit(http, accessKey);
        Answer answer = new Answer(requestId, accessKey, arrived, admission);
        if (admission == null) {
            recordWhenAnswered(http, GranaryMetrics.UNROUTED, answer);
            http.response().putHeader("Retry-After", String.valueOf(guard.limits().retryAfterSeconds()))
                    .putHeader("Connection", "close");
            ErrorResponder.send(http, requestId, hostId, S3Exception.of(S3Error.SLOW_DOWN));
            return;
        }
        String path = rawPath(http);
        SignedService service = SignedService.of(http.method().name(), path, parsed,
                http.getHeader(S3Headers.AUTHORIZATION), http.getHeader(S3Headers.CONTENT_TYPE));
        if (service != SignedService.S3) {
            recordWhenAnswered(http, service.name().toLowerCase(Locale.ROOT), answer);
            query.handle(new S3Request(http, requestId, hostId, parsed, null), service);
            return;
        }
        if (router.isAdmin(path, http.getHeader(S3Headers.HOST), adminPrefix)) {
            recordWhenAnswered(http, GranaryMetrics.ADMIN, answer);
            admin.apply(new S3Request(http, requestId, hostId, parsed, null));
            return;
        }
        Future<Void> done;
        ResolvedRequest route = null;
        try {
            route = router.resolve(http.method().name(), path, parsed.names(),
                    http.getHeader(S3Headers.HOST), http.getHeader(S3Headers.COPY_SOURCE) != null);
            recordWhenAnswered(http, route.operation().awsName(), answer);
            done = dispatcher.apply(new S3Request(http, requestId, hostId, parsed, route));
        } catch (RuntimeException e) {
            if (route == null) recordWhenAnswered(http, GranaryMetrics.UNROUTED, answer);
            done = Future.failedFuture(e);
        }
        done.onFailure(failure -> ErrorResponder.send(http, requestId, hostId, failure));
    }

    /** Malformed HTTP (oversized headers, bad request line) answered as S3 does, then the connection closes. */
    private void invalidRequest(HttpServerRequest http) {
        String requestId = RequestIds.requestId();
        recordWhenAnswered(http, GranaryMetrics.UNROUTED, new Answer(requestId, "", System.nanoTime(), null));
        String hostId = RequestIds.hostId();
        stampHeaders(http.response(), requestId, hostId);
        Throwable cause = http.decoderResult().cause();
        String kind = cause == null ? "" : cause.getClass().getSimpleName();
        S3Exception error;
        if (kind.contains("TooLongHttpHeader")) {
            error = S3Exception.of(S3Error.REQUEST_HEADER_SECTION_TOO_LARGE)
                    .with("MaxSizeAllowed", String.valueOf(MAX_HEADER_BYTES));
        } else if (kind.contains("TooLong")) {
            error = S3Exception.of(S3Error.INVALID_REQUEST, "Your request line is too long.");
        } else {
            error = S3Exception.of(S3Error.INVALID_REQUEST, "The request could not be parsed as HTTP.");
        }
        http.response().putHeader("Connection", "close");
        ErrorResponder.send(http, requestId, hostId, error);
    }

    /**
     * Records the request in the metrics once its answer has ended, whoever ended it (handler or
     * {@link ErrorResponder}); Vert.x also calls the end handler when the connection closes first, which
     * is recorded as {@link GranaryMetrics#ABORTED}. Installed before the dispatcher can end the answer;
     * gives the request's admission back and writes its {@link RequestLog} line at the same moment.
     */
    private void recordWhenAnswered(HttpServerRequest http, String operation, Answer answer) {
        HttpServerResponse response = http.response();
        response.endHandler(ended -> {
            if (answer.admission() != null) answer.admission().release();
            String status = response.ended() ? String.valueOf(response.getStatusCode()) : GranaryMetrics.ABORTED;
            long nanos = System.nanoTime() - answer.arrived();
            metrics.requestFinished(operation, status, nanos, http.bytesRead(), response.bytesWritten());
            RequestLog.answered(answer.requestId(), answer.accessKey(), operation, status, http.bytesRead(),
                    response.bytesWritten(), nanos);
        });
    }

    /** What the end of a request's answer records: its id, the key it names, when it came, its admission. */
    private record Answer(String requestId, String accessKey, long arrived, Admission admission) {
    }

    private static void stampHeaders(HttpServerResponse response, String requestId, String hostId) {
        response.putHeader(S3Headers.REQUEST_ID, requestId)
                .putHeader(S3Headers.ID_2, hostId)
                .putHeader("Server", "Granary");
    }

    /** The path exactly as sent, still percent-encoded: signatures and keys are computed from it. */
    public static String rawPath(HttpServerRequest http) {
        String uri = http.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        if (path.startsWith("http://") || path.startsWith("https://")) {
            int slash = path.indexOf('/', path.indexOf("//") + 2);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        return path;
    }
}
