package io.granary.datanode;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.util.function.Function;

/**
 * The sink of one shard being written to a remote data node: the body of a signed {@code PUT}, whose
 * back-pressure is the connection's (and the MAC's, see {@link MacTap}). The node commits the shard only
 * once the body's {@link BodyMac} tag arrives, and {@link #end()} sends it: the API node ends its shard
 * writers only after it verified the object's digests, and {@link #abort} resets the request instead, so a
 * rejected body is discarded on every node and never committed. The outcome is the node's sealed answer:
 * 201 with the committed shard, or an error mapped to its kind. An error answer can arrive before the body
 * is sent (e.g. the id exists); the writer then resets the request so no more bytes go out, and later
 * writes fail with that error.
 */
final class RemoteShardWriter implements ShardWriter {
    private final HttpClientRequest request;
    private final ShardId id;
    /** The declared length, or {@link ShardStore#UNKNOWN_LENGTH} for a chunked body. */
    private final long length;
    private final MacTap body;
    /** How long the node may take to answer once the body is sent. */
    private final long answerMillis;
    private final Promise<ShardInfo> result = Promise.promise();
    private long sent;

    /** @param answer reads the node's answer: the committed shard, or the failure it names */
    RemoteShardWriter(HttpClientRequest request, ShardId id, long length, long answerMillis, BodyMac mac,
                      Function<HttpClientResponse, Future<ShardInfo>> answer) {
        this.request = request;
        this.id = id;
        this.length = length;
        this.answerMillis = answerMillis;
        this.body = new MacTap(request, mac);
        // Failures of the request itself are this write's outcome; without a handler Vert.x would log them.
        request.exceptionHandler(e -> result.tryFail(unavailable(e)));
        request.response().compose(answer).onComplete(outcome -> {
            if (outcome.succeeded()) {
                result.tryComplete(outcome.result());
            } else {
                result.tryFail(ShardStoreException.of("write of shard " + id, unavailable(outcome.cause())));
                request.reset();
            }
        });
    }

    @Override
    public Future<Void> write(Buffer data) {
        if (result.future().isComplete()) return failedOrEnded();
        sent += data.length();
        if (length != ShardStore.UNKNOWN_LENGTH && sent > length) {
            // Bytes past Content-Length would be read by the node as the start of another request.
            abort(LocalShardStore.invalid("shard " + id + " received more than the declared " + length + " bytes"));
            return failedOrEnded();
        }
        return body.write(data).recover(e -> failedOrEnded());
    }

    @Override
    public Future<Void> end() {
        if (!result.future().isComplete() && length != ShardStore.UNKNOWN_LENGTH && sent != length) {
            abort(LocalShardStore.invalid("shard " + id + " ended after " + sent + " of the declared " + length
                    + " bytes"));
        } else if (!result.future().isComplete()) {
            body.mac().tag().compose(tag -> request.end(Buffer.buffer(tag)))
                    .onSuccess(v -> {
                        if (!result.future().isComplete()) request.idleTimeout(answerMillis);
                    })
                    .onFailure(e -> result.tryFail(unavailable(e)));
        }
        return result.future().mapEmpty();
    }

    @Override
    public Future<ShardInfo> committed() {
        return result.future();
    }

    @Override
    public void abort(Throwable cause) {
        if (result.tryFail(cause instanceof ShardStoreException s ? s : unavailable(cause))) {
            request.reset(0, cause);
        }
    }

    /** The answer's failure if there is one, else a note that the transfer broke off. */
    private Future<Void> failedOrEnded() {
        if (result.future().failed()) return Future.failedFuture(result.future().cause());
        return Future.failedFuture(new ShardStoreException(ShardStoreException.Kind.UNAVAILABLE,
                "write of shard " + id + " is no longer open"));
    }

    private ShardStoreException unavailable(Throwable cause) {
        if (cause instanceof ShardStoreException s) return s;
        return new ShardStoreException(ShardStoreException.Kind.UNAVAILABLE, "write of shard " + id
                + " to its data node broke off: " + cause.getMessage(), cause);
    }

    @Override
    public ShardWriter setWriteQueueMaxSize(int maxSize) {
        request.setWriteQueueMaxSize(maxSize);
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return body.writeQueueFull();
    }

    @Override
    public ShardWriter drainHandler(Handler<Void> handler) {
        body.drainHandler(handler);
        return this;
    }

    @Override
    public ShardWriter exceptionHandler(Handler<Throwable> handler) {
        request.exceptionHandler(e -> {
            result.tryFail(unavailable(e));
            if (handler != null) handler.handle(e);
        });
        return this;
    }
}
