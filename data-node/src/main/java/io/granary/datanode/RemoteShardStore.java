package io.granary.datanode;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientResolverConfig;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientBuilder;
import io.vertx.core.http.HttpClientConfig;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link ShardStore} over a data node's internal HTTP API ({@link DataNodeServer}), signing every request
 * with the {@link ClusterSignature} for the node it is meant for and checking every answer's seal
 * ({@link Exchange}). The node's identity is learnt from its first sealed answer ({@code GET /identity}) and
 * kept current from every later one; a request refused because the node restarted meanwhile is signed again
 * for its new incarnation and retried once (a shard write, already streaming, is not). Without TLS, bodies
 * both ways carry a MAC; with {@link ClusterTls}, the connection protects them and the node's certificate
 * must name the host dialled. Status codes and the error-kind header map back to the same
 * {@link ShardStoreException.Kind}s the local store raises; a node that cannot be reached, times out, drops
 * the connection or sends an answer that fails authentication is {@code UNAVAILABLE}. Shard bodies stream
 * both ways with the HTTP connection's own back-pressure. One HTTP/1.1 connection carries one transfer at a
 * time, so the pool is sized for the number of concurrent shard transfers to one node
 * ({@link #DEFAULT_POOL_SIZE}).
 */
public final class RemoteShardStore implements ShardStore, AutoCloseable {
    public static final int DEFAULT_POOL_SIZE = 64;
    private static final int CONNECT_TIMEOUT_MS = 2_000;
    /**
     * How long a connection may carry no byte either way, and a request may wait for its answer's next byte. A
     * shard body being sent counts only for the connection: Vert.x's request timeout looks at received bytes
     * alone, so on the request it would end every upload that streams for longer (issue 17's soak: 64 MiB PUTs
     * of 64 clients took more than 30 s and lost two shards each); the writer arms it once the body is sent.
     */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
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
    private final long idleMillis;
    private final ClusterSignature signature;
    private final ClusterSignature.Protection protection;
    private final WorkerExecutor macPool;
    /** The node as its last sealed answer named it; null until the first. */
    private volatile NodeIdentity target;

    /** A client for the data node at {@code host:port} with default pool size and timeouts. */
    public RemoteShardStore(Vertx vertx, String host, int port, ClusterSignature signature) {
        this(vertx, host, port, signature, null, DEFAULT_POOL_SIZE);
    }

    public RemoteShardStore(Vertx vertx, String host, int port, ClusterSignature signature, int poolSize) {
        this(vertx, host, port, signature, null, poolSize);
    }

    /** @param tls the cluster TLS material, or null for plaintext (bodies then carry MACs) */
    public RemoteShardStore(Vertx vertx, String host, int port, ClusterSignature signature, ClusterTls tls,
                            int poolSize) {
        this(vertx, host, port, signature, tls, poolSize, IDLE_TIMEOUT);
    }

    RemoteShardStore(Vertx vertx, String host, int port, ClusterSignature signature, ClusterTls tls, int poolSize,
                     Duration idle) {
        this.vertx = vertx;
        this.host = host;
        this.port = port;
        this.idleMillis = idle.toMillis();
        this.signature = signature;
        this.protection = tls == null ? ClusterSignature.Protection.MAC : ClusterSignature.Protection.TLS;
        HttpClientOptions options = new HttpClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS)
                .setIdleTimeout((int) idleMillis).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setTcpNoDelay(true).setKeepAlive(true)
                .setMaxChunkSize(ShardHttp.MAX_CHUNK_SIZE);
        HttpClientBuilder builder = vertx.httpClientBuilder()
                .with(new HttpClientConfig(options).setSsl(tls != null)
                        .setResolverConfig(new ClientResolverConfig().setMaxKeepAlive(ADDRESS_MAX_AGE)))
                .with(new PoolOptions().setHttp1MaxSize(poolSize));
        this.client = (tls == null ? builder : builder.with(tls.client())).build();
        this.macPool = vertx.createSharedWorkerExecutor(BodyMac.POOL, BodyMac.POOL_SIZE);
    }

    @Override
    public String location() {
        return (protection == ClusterSignature.Protection.TLS ? "https://" : "http://") + host + ":" + port;
    }

    @Override
    public Future<ShardWriter> openWrite(ShardId id, long length) {
        if (length < 0 && length != UNKNOWN_LENGTH) {
            return Future.failedFuture(LocalShardStore.invalid("negative shard length " + length));
        }
        long bodyLength = length == UNKNOWN_LENGTH ? ClusterSignature.CHUNKED_BODY : length;
        return onContext(() -> target().compose(node -> request(HttpMethod.PUT, ShardHttp.shardUri(id), bodyLength,
                node)).map(call -> new RemoteShardWriter(call.request().setChunked(length == UNKNOWN_LENGTH), id,
                length, idleMillis, call.exchange().bodyMac(macPool, 0),
                response -> committed(call.exchange(), response))));
    }

    @Override
    public Future<ReadStream<Buffer>> read(ShardId id, long offset, long length) {
        String uri = ShardHttp.shardUri(id) + "?offset=" + offset + "&length=" + length;
        return onContext(() -> retryingOnRestart(node -> request(HttpMethod.GET, uri, -1, node).compose(call ->
                call.request().send().compose(response -> {
                    if (response.statusCode() != 200) return refused(call.exchange(), response, node);
                    seal(call.exchange(), response, Exchange.STREAMED);
                    response.pause();
                    return Future.<ReadStream<Buffer>>succeededFuture(new RemoteRangeStream(response, id, offset,
                            length, call.exchange().bodyMac(macPool, BodyMac.BATCH_BYTES), location()));
                }))));
    }

    @Override
    public Future<ShardInfo> stat(ShardId id) {
        return exchange(HttpMethod.HEAD, ShardHttp.shardUri(id), 200).map(answer -> new ShardInfo(id,
                Long.parseLong(answer.response().getHeader(ShardHttp.SHARD_LENGTH)),
                Instant.ofEpochMilli(Long.parseLong(answer.response().getHeader(ShardHttp.COMMITTED_MS)))));
    }

    @Override
    public Future<Void> delete(ShardId id) {
        return exchange(HttpMethod.DELETE, ShardHttp.shardUri(id), 204).mapEmpty();
    }

    @Override
    public Future<ShardPage> list(ShardId after, int limit) {
        String uri = ShardHttp.SHARDS + "?limit=" + limit
                + (after == null ? "" : "&after=" + URLEncoder.encode(after.value(), StandardCharsets.UTF_8));
        return jsonBody(uri).map(json -> {
            List<ShardInfo> shards = new ArrayList<>();
            json.getJsonArray("shards").forEach(entry -> shards.add(ShardHttp.info((JsonObject) entry)));
            String next = json.getString("next");
            return new ShardPage(shards, next == null ? null : ShardId.parse(next));
        });
    }

    /**
     * The node's health; also how a client first learns the node's identity, in one request (health is the
     * one read, besides {@code /identity}, a node answers when signed for the unknown target).
     */
    @Override
    public Future<NodeHealth> health() {
        Future<Answer> answer = target != null ? exchange(HttpMethod.GET, ShardHttp.HEALTH, 200)
                : attempt(HttpMethod.GET, ShardHttp.HEALTH, 200, NodeIdentity.UNKNOWN).recover(this::unavailable);
        return answer.map(reply -> reply.body().toJsonObject()).map(json -> new NodeHealth(json.getLong("totalBytes"),
                json.getLong("freeBytes"), json.getLong("reserveBytes", 0L), json.getLong("shardCount"),
                json.getLong("shardBytes")));
    }

    /** The node's identity as its last sealed answer named it, or null before the first. */
    public NodeIdentity identity() {
        return target;
    }

    @Override
    public void close() {
        client.close();
        macPool.close();
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

    /** The node's identity: known, or asked for with {@code GET /identity}. */
    private Future<NodeIdentity> target() {
        NodeIdentity known = target;
        if (known != null) return Future.succeededFuture(known);
        return request(HttpMethod.GET, ShardHttp.IDENTITY, -1, NodeIdentity.UNKNOWN).compose(call -> call.request()
                .send().compose(response -> response.body().compose(body -> {
                    seal(call.exchange(), response, Exchange.bodyHash(body.getBytes()));
                    NodeIdentity learnt = target;
                    return response.statusCode() == 204 && learnt != null ? Future.succeededFuture(learnt)
                            : Future.failedFuture(error(response, body));
                })))
                .recover(this::unavailable);
    }

    /**
     * Runs {@code operation} for the node's identity, once more if the node answers that it restarted, or if
     * the pooled connection it went out on turned out closed before any answer (the node's idle timeout racing
     * the reuse; these operations send no body and are safe to repeat).
     */
    private <T> Future<T> retryingOnRestart(Function<NodeIdentity, Future<T>> operation) {
        return target().compose(operation)
                .recover(e -> e instanceof Restarted || e instanceof HttpClosedException ? target().compose(operation)
                        : Future.failedFuture(e))
                .recover(this::unavailable);
    }

    private Future<JsonObject> jsonBody(String uri) {
        return exchange(HttpMethod.GET, uri, 200).map(answer -> answer.body().toJsonObject());
    }

    /** Sends a body-less request and succeeds with the sealed answer only on {@code expectedStatus}. */
    private Future<Answer> exchange(HttpMethod method, String uri, int expectedStatus) {
        return retryingOnRestart(node -> attempt(method, uri, expectedStatus, node));
    }

    private Future<Answer> attempt(HttpMethod method, String uri, int expectedStatus, NodeIdentity node) {
        return request(method, uri, -1, node).compose(call -> call.request().send()
                .compose(response -> response.statusCode() != expectedStatus ? refused(call.exchange(), response, node)
                        : response.body().map(body -> {
                            seal(call.exchange(), response, Exchange.bodyHash(body.getBytes()));
                            return new Answer(response, body);
                        })));
    }

    /** The answer to a shard PUT: its seal checked, then the committed shard or the error it names. */
    private Future<ShardInfo> committed(Exchange exchange, HttpClientResponse response) {
        return response.body().compose(body -> {
            seal(exchange, response, Exchange.bodyHash(body.getBytes()));
            return response.statusCode() == 201 ? Future.succeededFuture(ShardHttp.info(body.toJsonObject()))
                    : Future.failedFuture(error(response, body));
        });
    }

    /** An error answer: sealed, it is the error it names, or {@link Restarted} if the node restarted. */
    private <T> Future<T> refused(Exchange exchange, HttpClientResponse response, NodeIdentity signedFor) {
        return response.body().compose(body -> {
            seal(exchange, response, Exchange.bodyHash(body.getBytes()));
            boolean current = signedFor.equals(NodeIdentity.UNKNOWN) || signedFor.equals(target);
            return Future.failedFuture(current ? error(response, body) : new Restarted());
        });
    }

    /**
     * Checks an answer's seal, then remembers the identity it names.
     *
     * @throws ShardStoreException {@code UNAVAILABLE} when the answer fails authentication
     */
    private void seal(Exchange exchange, HttpClientResponse response, String bodyHash) {
        exchange.checkSeal(response.statusCode(), response::getHeader, bodyHash, location());
        String nodeId = response.getHeader(ClusterSignature.NODE_ID);
        String incarnation = response.getHeader(ClusterSignature.INCARNATION);
        if (nodeId != null && incarnation != null) target = new NodeIdentity(nodeId, incarnation);
    }

    /**
     * A request whose signature is added once its connection is ready, so that counters reach the node in
     * about the order they were drawn even when requests queue for the pool.
     */
    private Future<Call> request(HttpMethod method, String uri, long shardLength, NodeIdentity node) {
        RequestOptions options = new RequestOptions().setMethod(method).setHost(host).setPort(port).setURI(uri)
                .setConnectTimeout(CONNECT_TIMEOUT_MS);
        if (method != HttpMethod.PUT) options.setIdleTimeout(idleMillis);
        if (shardLength >= 0) options.putHeader("content-length", Long.toString(shardLength + BodyMac.TAG_BYTES));
        return client.request(options).map(request -> {
            Exchange exchange = signature.sign(method.name(), uri, shardLength, node, protection);
            exchange.headers().forEach(request::putHeader);
            return new Call(request, exchange);
        }).recover(this::unavailable);
    }

    /** The store exception an error answer stands for, its message taken from the JSON body if any. */
    private ShardStoreException error(HttpClientResponse response, Buffer body) {
        ShardStoreException.Kind kind = ShardHttp.kind(response.statusCode(), response.getHeader(ShardHttp.ERROR_KIND));
        String message = "data node " + host + ":" + port + " answered " + response.statusCode();
        if (body.length() > 0) {
            try {
                message = body.toJsonObject().getString("message", message);
            } catch (RuntimeException notJson) {
                message = message + ": " + body.toString(StandardCharsets.UTF_8);
            }
        }
        return new ShardStoreException(kind, message);
    }

    private <T> Future<T> unavailable(Throwable e) {
        if (e instanceof ShardStoreException) return Future.failedFuture(e);
        return Future.failedFuture(new ShardStoreException(ShardStoreException.Kind.UNAVAILABLE,
                "data node " + host + ":" + port + " unavailable: " + e.getMessage(), e));
    }

    /** A request on its connection, and its exchange. */
    private record Call(HttpClientRequest request, Exchange exchange) {
    }

    /** A sealed answer with its whole (small) body. */
    private record Answer(HttpClientResponse response, Buffer body) {
    }

    /** The node refused a request signed for an earlier incarnation: sign it again and retry. */
    private static final class Restarted extends RuntimeException {
        Restarted() {
            super("data node restarted", null, false, false);
        }
    }
}
