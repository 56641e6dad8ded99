package io.granary.datanode;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientResolverConfig;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConfig;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link ShardStore} over a data node's internal HTTP API ({@link DataNodeServer}), signing every request
 * with the {@link ClusterSignature}. Status codes and the error-kind header map back to the same
 * {@link ShardStoreException.Kind}s the local store raises; a node that cannot be reached, times out or
 * drops the connection is {@code UNAVAILABLE}. Shard bodies stream both ways with the HTTP connection's own
 * back-pressure. One HTTP/1.1 connection carries one transfer at a time, so the pool is sized for the
 * number of concurrent shard transfers to one node ({@link #DEFAULT_POOL_SIZE}).
 */
public final class RemoteShardStore implements ShardStore, AutoCloseable {
    public static final int DEFAULT_POOL_SIZE = 64;
    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int IDLE_TIMEOUT_S = 30;
    /**
     * Longest the client keeps the node's resolved address. Vert.x resolves a host once per endpoint and,
     * while requests keep coming, keeps it for {@link ClientResolverConfig#DEFAULT_MAX_KEEP_ALIVE}; a
     * restarted container has a new address by then (issue 22).
     */
    private static final Duration ADDRESS_MAX_AGE = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final HttpClientAgent client;
    private final String host;
    private final int port;
    private final ClusterSignature signature;

    /** A client for the data node at {@code host:port} with default pool size and timeouts. */
    public RemoteShardStore(Vertx vertx, String host, int port, ClusterSignature signature) {
        this(vertx, host, port, signature, DEFAULT_POOL_SIZE);
    }

    public RemoteShardStore(Vertx vertx, String host, int port, ClusterSignature signature, int poolSize) {
        this.vertx = vertx;
        this.host = host;
        this.port = port;
        this.signature = signature;
        HttpClientOptions options = new HttpClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS)
                .setIdleTimeout(IDLE_TIMEOUT_S).setTcpNoDelay(true).setKeepAlive(true)
                .setMaxChunkSize(ShardHttp.MAX_CHUNK_SIZE);
        this.client = vertx.httpClientBuilder()
                .with(new HttpClientConfig(options)
                        .setResolverConfig(new ClientResolverConfig().setMaxKeepAlive(ADDRESS_MAX_AGE)))
                .with(new PoolOptions().setHttp1MaxSize(poolSize))
                .build();
    }

    @Override
    public String location() {
        return "http://" + host + ":" + port;
    }

    @Override
    public Future<ShardWriter> openWrite(ShardId id, long length) {
        if (length < 0 && length != UNKNOWN_LENGTH) {
            return Future.failedFuture(LocalShardStore.invalid("negative shard length " + length));
        }
        long bodyLength = length == UNKNOWN_LENGTH ? ClusterSignature.CHUNKED_BODY : length;
        return onContext(() -> request(HttpMethod.PUT, ShardHttp.shardUri(id), bodyLength)
                .map(request -> new RemoteShardWriter(request.setChunked(length == UNKNOWN_LENGTH), id, length,
                        this::failure)));
    }

    @Override
    public Future<ReadStream<Buffer>> read(ShardId id, long offset, long length) {
        String uri = ShardHttp.shardUri(id) + "?offset=" + offset + "&length=" + length;
        return onContext(() -> request(HttpMethod.GET, uri, -1).compose(HttpClientRequest::send).compose(response -> {
            if (response.statusCode() != 200) return failure(response);
            response.pause();
            return Future.<ReadStream<Buffer>>succeededFuture(new RemoteRangeStream(response, id, offset, length));
        }).recover(this::unavailable));
    }

    @Override
    public Future<ShardInfo> stat(ShardId id) {
        return exchange(HttpMethod.HEAD, ShardHttp.shardUri(id), 200).map(response -> new ShardInfo(id,
                Long.parseLong(response.getHeader(ShardHttp.SHARD_LENGTH)),
                Instant.ofEpochMilli(Long.parseLong(response.getHeader(ShardHttp.COMMITTED_MS)))));
    }

    @Override
    public Future<Void> delete(ShardId id) {
        return exchange(HttpMethod.DELETE, ShardHttp.shardUri(id), 204).mapEmpty();
    }

    @Override
    public Future<ShardPage> list(ShardId after, int limit) {
        String uri = ShardHttp.SHARDS + "?limit=" + limit
                + (after == null ? "" : "&after=" + URLEncoder.encode(after.value(), StandardCharsets.UTF_8));
        return jsonBody(HttpMethod.GET, uri).map(json -> {
            List<ShardInfo> shards = new ArrayList<>();
            json.getJsonArray("shards").forEach(entry -> shards.add(ShardHttp.info((JsonObject) entry)));
            String next = json.getString("next");
            return new ShardPage(shards, next == null ? null : ShardId.parse(next));
        });
    }

    @Override
    public Future<NodeHealth> health() {
        return jsonBody(HttpMethod.GET, ShardHttp.HEALTH).map(json -> new NodeHealth(json.getLong("totalBytes"),
                json.getLong("freeBytes"), json.getLong("shardCount"), json.getLong("shardBytes")));
    }

    @Override
    public void close() {
        client.close();
    }

    /**
     * Runs a streaming operation on a Vert.x context. Called from a plain thread, the response's listeners
     * would run after a hop, by which time body chunks could have been delivered to no handler.
     */
    private <T> Future<T> onContext(Supplier<Future<T>> operation) {
        if (Vertx.currentContext() != null) return operation.get();
        Promise<T> promise = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> operation.get().onComplete(promise));
        return promise.future();
    }

    private Future<JsonObject> jsonBody(HttpMethod method, String uri) {
        return exchange(method, uri, 200).compose(HttpClientResponse::body).map(Buffer::toJsonObject)
                .recover(this::unavailable);
    }

    /** Sends a body-less request and succeeds with the response only on {@code expectedStatus}. */
    private Future<HttpClientResponse> exchange(HttpMethod method, String uri, int expectedStatus) {
        return request(method, uri, -1).compose(HttpClientRequest::send).compose(response ->
                response.statusCode() == expectedStatus ? Future.succeededFuture(response) : failure(response)
        ).recover(this::unavailable);
    }

    private Future<HttpClientRequest> request(HttpMethod method, String uri, long contentLength) {
        RequestOptions options = new RequestOptions().setMethod(method).setHost(host).setPort(port).setURI(uri)
                .setConnectTimeout(CONNECT_TIMEOUT_MS).setIdleTimeout(IDLE_TIMEOUT_S * 1000L);
        signature.sign(method.name(), uri, contentLength).forEach(options::putHeader);
        if (contentLength >= 0) options.putHeader("content-length", Long.toString(contentLength));
        return client.request(options).recover(this::unavailable);
    }

    /** The store exception an error response stands for, its message taken from the JSON body if any. */
    <T> Future<T> failure(HttpClientResponse response) {
        ShardStoreException.Kind kind = ShardHttp.kind(response.statusCode(), response.getHeader(ShardHttp.ERROR_KIND));
        return response.body().transform(body -> {
            String message = "data node " + host + ":" + port + " answered " + response.statusCode();
            if (body.succeeded() && body.result().length() > 0) {
                try {
                    message = body.result().toJsonObject().getString("message", message);
                } catch (RuntimeException notJson) {
                    message = message + ": " + body.result().toString(StandardCharsets.UTF_8);
                }
            }
            return Future.failedFuture(new ShardStoreException(kind, message));
        });
    }

    private <T> Future<T> unavailable(Throwable e) {
        if (e instanceof ShardStoreException) return Future.failedFuture(e);
        return Future.failedFuture(new ShardStoreException(ShardStoreException.Kind.UNAVAILABLE,
                "data node " + host + ":" + port + " unavailable: " + e.getMessage(), e));
    }
}
