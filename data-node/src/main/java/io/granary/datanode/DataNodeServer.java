package io.granary.datanode;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
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
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data node's internal HTTP service over a {@link ShardStore}: {@code PUT /shards/{id}} (body = frames
 * then the {@link BodyMac} tag; Content-Length = shard length + tag, or chunked when it is unknown),
 * {@code GET /shards/{id}?offset=&length=}, {@code HEAD} and {@code DELETE /shards/{id}},
 * {@code GET /shards?after=&limit=}, {@code GET /health} and {@code GET /identity} (an empty answer whose
 * sealed headers name the node). Every request must carry a {@link ClusterSignature} for this node and this
 * run of it, checked before the path is even parsed; every answer is sealed ({@link Exchange}). Bodies
 * stream with back-pressure both ways and are never aggregated. A read that fails after its 200 went out
 * ends with the error in trailers, so the client never mistakes a cut-off range for a whole one.
 */
public final class DataNodeServer {
    private static final Logger LOG = LoggerFactory.getLogger(DataNodeServer.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final ShardStore store;
    private final ClusterSignature signature;
    private final NodeIdentity self;
    private final ClusterTls tls;
    private final String version;
    private WorkerExecutor macPool;
    private HttpServer server;

    /** A node with a random identity and no TLS (tests, tools). */
    public DataNodeServer(Vertx vertx, ShardStore store, ClusterSignature signature) {
        this(vertx, store, signature, NodeIdentity.random(), null);
    }

    /**
     * @param self the identity every request must be signed for
     * @param tls  the cluster TLS material, or null to serve plaintext (bodies then carry MACs)
     */
    public DataNodeServer(Vertx vertx, ShardStore store, ClusterSignature signature, NodeIdentity self,
                          ClusterTls tls) {
        this.vertx = vertx;
        this.store = store;
        this.signature = signature;
        this.self = self;
        this.tls = tls;
        String implementation = DataNodeServer.class.getPackage().getImplementationVersion();
        this.version = implementation == null ? "dev" : implementation;
    }

    /** Starts listening; completes with the bound port (useful with port 0). */
    public Future<Integer> start(String host, int port) {
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
                .setTcpNoDelay(true).setIdleTimeout(60).setMaxChunkSize(ShardHttp.MAX_CHUNK_SIZE);
        server = vertx.createHttpServer(tls == null ? options : tls.server(options));
        macPool = vertx.createSharedWorkerExecutor(BodyMac.POOL, BodyMac.POOL_SIZE);
        return server.requestHandler(this::handle).listen().map(HttpServer::actualPort);
    }

    /** Stops accepting requests and lets in-flight ones finish for a few seconds, then closes them. */
    public Future<Void> stop() {
        if (server == null) return Future.succeededFuture();
        return server.shutdown(SHUTDOWN_GRACE).eventually(() -> macPool.close());
    }

    private void handle(HttpServerRequest request) {
        request.pause();
        Exchange exchange;
        try {
            exchange = signature.verify(request.method().name(), request.uri(), signedLength(request),
                    request::getHeader, self, anyTarget(request), request.isSSL());
        } catch (ShardStoreException e) {
            sendError(request, signature.presented(request::getHeader), e);
            return;
        }
        Future.<Void>succeededFuture().compose(v -> route(request, exchange))
                .onFailure(e -> sendError(request, exchange, e));
    }

    /** Reads that tell nothing a client could not be told before it knows the node: identity and health. */
    private static boolean anyTarget(HttpServerRequest request) {
        return request.method() == HttpMethod.GET
                && (request.path().equals(ShardHttp.IDENTITY) || request.path().equals(ShardHttp.HEALTH));
    }

    private Future<Void> route(HttpServerRequest request, Exchange exchange) {
        String path = request.path();
        HttpMethod method = request.method();
        if (method != HttpMethod.PUT) request.resume();
        if (path.equals(ShardHttp.IDENTITY) && method == HttpMethod.GET) return send(request, exchange, 204, null);
        if (path.equals(ShardHttp.HEALTH) && method == HttpMethod.GET) return health(request, exchange);
        if (path.equals(ShardHttp.SHARDS) && method == HttpMethod.GET) return list(request, exchange);
        if (!path.startsWith(ShardHttp.SHARD_PREFIX)) return Future.failedFuture(invalid("no such resource"));
        ShardId id = ShardId.parse(path.substring(ShardHttp.SHARD_PREFIX.length()));
        if (method == HttpMethod.PUT) return put(request, exchange, id);
        if (method == HttpMethod.GET) return get(request, exchange, id);
        if (method == HttpMethod.HEAD) return head(request, exchange, id);
        if (method == HttpMethod.DELETE) return store.delete(id).compose(v -> send(request, exchange, 204, null));
        return Future.failedFuture(invalid("method not allowed"));
    }

    private Future<Void> put(HttpServerRequest request, Exchange exchange, ShardId id) {
        long declared = signedLength(request);
        if (declared < 0 && declared != ClusterSignature.CHUNKED_BODY) {
            return Future.failedFuture(invalid("PUT needs a Content-Length (shard and tag) or a chunked body"));
        }
        long length = declared == ClusterSignature.CHUNKED_BODY ? ShardStore.UNKNOWN_LENGTH : declared;
        // A client gone while the temp file is being opened must still abort the write, not leave it open.
        Promise<Void> cutOff = Promise.promise();
        request.exceptionHandler(cutOff::tryFail);
        return store.openWrite(id, length)
                .compose(writer -> (cutOff.future().failed() ? cutOff.future()
                        : continued(request).pipe().endOnFailure(false).to(new TaggedShardSink(writer,
                                exchange.bodyMac(macPool, BodyMac.BATCH_BYTES), self.nodeId())))
                        .transform(piped -> {
                            if (piped.failed()) writer.abort(piped.cause());
                            return writer.committed();
                        }))
                .compose(info -> send(request, exchange, 201, ShardHttp.json(info).toBuffer()));
    }

    /**
     * The request, its client told to send the body if it waits for {@code 100 Continue}: only now, once the
     * signature held and the write is open, so a refused request's body is never sent.
     */
    private static HttpServerRequest continued(HttpServerRequest request) {
        if ("100-continue".equalsIgnoreCase(request.getHeader("expect"))) request.response().writeContinue();
        return request;
    }

    private Future<Void> get(HttpServerRequest request, Exchange exchange, ShardId id) {
        long offset = longParam(request, "offset");
        long length = longParam(request, "length");
        return store.read(id, offset, length).compose(stream -> streamRange(request.response(), exchange, stream));
    }

    /** A range read: the seal covers the headers, the body MAC trailer (under MAC protection) the bytes. */
    private Future<Void> streamRange(HttpServerResponse response, Exchange exchange, ReadStream<Buffer> stream) {
        response.setChunked(true);
        sealHeaders(response, exchange, 200, Exchange.STREAMED);
        MacTap tap = new MacTap(response, exchange.bodyMac(macPool, BodyMac.BATCH_BYTES));
        return stream.pipe().endOnSuccess(false).endOnFailure(false).to(tap).transform(piped -> {
            // The MAC may still report progress after the pipe is done; nothing may drain into the ended response.
            tap.detach();
            if (response.closed()) return Future.succeededFuture();
            if (piped.failed()) {
                ShardStoreException e = ShardStoreException.of("read", piped.cause());
                response.trailers().add(ShardHttp.ERROR_KIND, e.kind().name())
                        .add(ShardHttp.ERROR_MESSAGE, headerSafe(e.getMessage()));
                return response.end();
            }
            return tap.mac().tag().compose(tag -> {
                if (exchange.protection() == ClusterSignature.Protection.MAC) {
                    response.trailers().add(ClusterSignature.BODY_MAC, HexFormat.of().formatHex(tag));
                }
                return response.end();
            });
        });
    }

    private Future<Void> head(HttpServerRequest request, Exchange exchange, ShardId id) {
        return store.stat(id).compose(info -> {
            request.response().putHeader(ShardHttp.SHARD_LENGTH, Long.toString(info.length()))
                    .putHeader(ShardHttp.COMMITTED_MS, Long.toString(info.committedAt().toEpochMilli()));
            return send(request, exchange, 200, null);
        });
    }

    private Future<Void> list(HttpServerRequest request, Exchange exchange) {
        String after = request.getParam("after");
        String limitText = request.getParam("limit");
        int limit = limitText == null ? 1000 : (int) Math.min(ShardHttp.MAX_LIST_LIMIT, parseLong("limit", limitText));
        return store.list(after == null || after.isEmpty() ? null : ShardId.parse(after), limit).compose(page -> {
            JsonArray shards = new JsonArray();
            page.shards().forEach(info -> shards.add(ShardHttp.json(info)));
            JsonObject body = new JsonObject().put("shards", shards)
                    .put("next", page.next() == null ? null : page.next().value());
            return send(request, exchange, 200, body.toBuffer());
        });
    }

    private Future<Void> health(HttpServerRequest request, Exchange exchange) {
        return store.health().compose(health -> send(request, exchange, 200, new JsonObject()
                .put("totalBytes", health.totalBytes()).put("freeBytes", health.freeBytes())
                .put("usedBytes", health.usedBytes()).put("reserveBytes", health.reserveBytes())
                .put("full", health.full()).put("shardCount", health.shardCount())
                .put("shardBytes", health.shardBytes()).put("version", version).toBuffer()));
    }

    /** Sends a whole answer (a JSON body, or none), sealed for {@code exchange} when there is one. */
    private Future<Void> send(HttpServerRequest request, Exchange exchange, int status, Buffer body) {
        HttpServerResponse response = request.response();
        boolean noBody = body == null || request.method() == HttpMethod.HEAD;
        if (!noBody) response.putHeader("content-type", "application/json");
        if (exchange != null) {
            sealHeaders(response, exchange, status, Exchange.bodyHash(noBody ? new byte[0] : body.getBytes()));
        }
        response.setStatusCode(status);
        return noBody ? response.end() : response.end(body);
    }

    private void sealHeaders(HttpServerResponse response, Exchange exchange, int status, String bodyHash) {
        response.putHeader(ClusterSignature.NODE_ID, self.nodeId())
                .putHeader(ClusterSignature.INCARNATION, self.incarnation());
        response.putHeader(ClusterSignature.RESPONSE_SIGNATURE,
                exchange.seal(status, response.headers()::get, bodyHash));
    }

    /**
     * The one writer of error responses, sealed when the request presented a signature. A request whose
     * body was not read has the connection closed after the answer, so a refused multi-gigabyte PUT is not
     * drained.
     */
    private void sendError(HttpServerRequest request, Exchange exchange, Throwable failure) {
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
        response.putHeader(ShardHttp.ERROR_KIND, e.kind().name());
        boolean unreadBody = !request.isEnded();
        if (unreadBody) response.putHeader("connection", "close");
        Future<Void> sent = send(request, exchange, ShardHttp.status(e.kind()), body.toBuffer());
        if (unreadBody) sent.onComplete(done -> request.connection().close());
    }

    /**
     * The length the request's signature covers: for a PUT the shard's (its body minus the tag), for
     * others the body's; {@link ClusterSignature#CHUNKED_BODY} for a chunked body; -1 without a body.
     */
    private static long signedLength(HttpServerRequest request) {
        String header = request.getHeader("content-length");
        if (header != null) {
            long length = parseLong("content-length", header);
            if (request.method() != HttpMethod.PUT) return length;
            if (length < BodyMac.TAG_BYTES) {
                throw invalid("a shard PUT body ends with a " + BodyMac.TAG_BYTES + "-byte tag");
            }
            return length - BodyMac.TAG_BYTES;
        }
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
