package io.granary.datanode;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data node's internal HTTP service over a {@link ShardStore}: {@code PUT /shards/{id}} (body = frames,
 * Content-Length = shard length, or chunked when it is unknown), {@code GET /shards/{id}?offset=&length=},
 * {@code HEAD} and {@code DELETE /shards/{id}}, {@code GET /shards?after=&limit=} and {@code GET /health}.
 * Every request must carry a valid {@link ClusterSignature}; it is checked before the path is even parsed.
 * Bodies stream with back-pressure both ways and are never aggregated. A read that fails after its 200 went
 * out ends with the error in trailers, so the client never mistakes a cut-off range for a whole one.
 */
public final class DataNodeServer {
    private static final Logger LOG = LoggerFactory.getLogger(DataNodeServer.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final ShardStore store;
    private final ClusterSignature signature;
    private final String version;
    private HttpServer server;

    public DataNodeServer(Vertx vertx, ShardStore store, ClusterSignature signature) {
        this.vertx = vertx;
        this.store = store;
        this.signature = signature;
        String implementation = DataNodeServer.class.getPackage().getImplementationVersion();
        this.version = implementation == null ? "dev" : implementation;
    }

    /** Starts listening; completes with the bound port (useful with port 0). */
    public Future<Integer> start(String host, int port) {
        server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
                .setTcpNoDelay(true).setIdleTimeout(60).setMaxChunkSize(ShardHttp.MAX_CHUNK_SIZE));
        return server.requestHandler(this::handle).listen().map(HttpServer::actualPort);
    }

    /** Stops accepting requests and lets in-flight ones finish for a few seconds, then closes them. */
    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_GRACE);
    }

    private void handle(HttpServerRequest request) {
        request.pause();
        authenticate(request).compose(v -> route(request)).onFailure(e -> sendError(request, e));
    }

    private Future<Void> authenticate(HttpServerRequest request) {
        try {
            signature.verify(request.method().name(), request.uri(), contentLength(request),
                    request::getHeader);
            return Future.succeededFuture();
        } catch (ShardStoreException e) {
            return Future.failedFuture(e);
        }
    }

    private Future<Void> route(HttpServerRequest request) {
        String path = request.path();
        HttpMethod method = request.method();
        if (method != HttpMethod.PUT) request.resume();
        if (path.equals(ShardHttp.HEALTH) && method == HttpMethod.GET) return health(request);
        if (path.equals(ShardHttp.SHARDS) && method == HttpMethod.GET) return list(request);
        if (!path.startsWith(ShardHttp.SHARD_PREFIX)) return Future.failedFuture(invalid("no such resource"));
        ShardId id = ShardId.parse(path.substring(ShardHttp.SHARD_PREFIX.length()));
        if (method == HttpMethod.PUT) return put(request, id);
        if (method == HttpMethod.GET) return get(request, id);
        if (method == HttpMethod.HEAD) return head(request, id);
        if (method == HttpMethod.DELETE) {
            return store.delete(id).compose(v -> request.response().setStatusCode(204).end());
        }
        return Future.failedFuture(invalid("method not allowed"));
    }

    private Future<Void> put(HttpServerRequest request, ShardId id) {
        long declared = contentLength(request);
        if (declared < 0 && declared != ClusterSignature.CHUNKED_BODY) {
            return Future.failedFuture(invalid("PUT needs a Content-Length or a chunked body"));
        }
        long length = declared == ClusterSignature.CHUNKED_BODY ? ShardStore.UNKNOWN_LENGTH : declared;
        // A client gone while the temp file is being opened must still abort the write, not leave it open.
        Promise<Void> cutOff = Promise.promise();
        request.exceptionHandler(cutOff::tryFail);
        return store.openWrite(id, length)
                .compose(writer -> (cutOff.future().failed() ? cutOff.future()
                        : request.pipe().endOnFailure(false).to(writer))
                        .transform(piped -> {
                            if (piped.failed()) writer.abort(piped.cause());
                            return writer.committed();
                        }))
                .compose(info -> request.response().setStatusCode(201)
                        .putHeader("content-type", "application/json").end(ShardHttp.json(info).toBuffer()));
    }

    private Future<Void> get(HttpServerRequest request, ShardId id) {
        long offset = longParam(request, "offset");
        long length = longParam(request, "length");
        return store.read(id, offset, length).compose(stream -> streamRange(request.response(), stream));
    }

    private static Future<Void> streamRange(HttpServerResponse response, ReadStream<Buffer> stream) {
        response.setChunked(true);
        return stream.pipe().endOnSuccess(false).endOnFailure(false).to(response).transform(piped -> {
            if (piped.failed() && !response.closed()) {
                ShardStoreException e = ShardStoreException.of("read", piped.cause());
                response.trailers().add(ShardHttp.ERROR_KIND, e.kind().name())
                        .add(ShardHttp.ERROR_MESSAGE, headerSafe(e.getMessage()));
            }
            return response.closed() ? Future.succeededFuture() : response.end();
        });
    }

    private Future<Void> head(HttpServerRequest request, ShardId id) {
        return store.stat(id).compose(info -> request.response()
                .putHeader(ShardHttp.SHARD_LENGTH, Long.toString(info.length()))
                .putHeader(ShardHttp.COMMITTED_MS, Long.toString(info.committedAt().toEpochMilli())).end());
    }

    private Future<Void> list(HttpServerRequest request) {
        String after = request.getParam("after");
        String limitText = request.getParam("limit");
        int limit = limitText == null ? 1000 : (int) Math.min(ShardHttp.MAX_LIST_LIMIT, parseLong("limit", limitText));
        return store.list(after == null || after.isEmpty() ? null : ShardId.parse(after), limit).compose(page -> {
            JsonArray shards = new JsonArray();
            page.shards().forEach(info -> shards.add(ShardHttp.json(info)));
            JsonObject body = new JsonObject().put("shards", shards)
                    .put("next", page.next() == null ? null : page.next().value());
            return sendJson(request, body);
        });
    }

    private Future<Void> health(HttpServerRequest request) {
        return store.health().compose(health -> sendJson(request, new JsonObject()
                .put("totalBytes", health.totalBytes()).put("freeBytes", health.freeBytes())
                .put("usedBytes", health.usedBytes()).put("shardCount", health.shardCount())
                .put("shardBytes", health.shardBytes()).put("version", version)));
    }

    private static Future<Void> sendJson(HttpServerRequest request, JsonObject body) {
        return request.response().putHeader("content-type", "application/json").end(body.toBuffer());
    }

    /**
     * The one writer of error responses. A request whose body was not read has the connection closed after
     * the answer, so a refused multi-gigabyte PUT is not drained.
     */
    private static void sendError(HttpServerRequest request, Throwable failure) {
        ShardStoreException e = ShardStoreException.of("request", failure);
        if (e.kind() == ShardStoreException.Kind.IO_ERROR || e.kind() == ShardStoreException.Kind.NO_SPACE) {
            LOG.warn("{} {}: {}", request.method(), request.path(), e.getMessage());
        }
        HttpServerResponse response = request.response();
        if (response.headWritten()) {
            request.connection().close();
            return;
        }
        JsonObject body = new JsonObject().put("kind", e.kind().name()).put("message", e.getMessage());
        response.setStatusCode(ShardHttp.status(e.kind())).putHeader(ShardHttp.ERROR_KIND, e.kind().name())
                .putHeader("content-type", "application/json");
        boolean unreadBody = !request.isEnded();
        if (unreadBody) response.putHeader("connection", "close");
        Future<Void> sent = request.method() == HttpMethod.HEAD ? response.end() : response.end(body.toBuffer());
        if (unreadBody) sent.onComplete(done -> request.connection().close());
    }

    private static long contentLength(HttpServerRequest request) {
        String header = request.getHeader("content-length");
        if (header != null) return parseLong("content-length", header);
        String coding = request.getHeader("transfer-encoding");
        return coding != null && coding.equalsIgnoreCase("chunked") ? ClusterSignature.CHUNKED_BODY : -1;
    }

    private static long longParam(HttpServerRequest request, String name) {
        String value = request.getParam(name);
        if (value == null) throw invalid("missing query parameter " + name);
        return parseLong(name, value);
    }

    private static long parseLong(String name, String value) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed < 0) throw invalid(name + " must not be negative");
            return parsed;
        } catch (NumberFormatException e) {
            throw invalid(name + " is not a number");
        }
    }

    private static String headerSafe(String text) {
        return text.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static ShardStoreException invalid(String message) {
        return new ShardStoreException(ShardStoreException.Kind.INVALID_ARGUMENT, message);
    }
}
