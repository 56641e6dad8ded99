package io.granary.datanode;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.streams.ReadStream;

/**
 * The body of a range read from a data node, passed through with the response's back-pressure. The node
 * sends only verified frames; under MAC protection the {@value ClusterSignature#BODY_MAC} trailer must match
 * the bytes received (else {@code UNAVAILABLE}: bytes passed on before the end are then followed by a failure,
 * never by a clean end). At the end this stream turns an error trailer into the
 * {@link ShardStoreException} it names (e.g. {@code CORRUPT} with the frame range) and a body shorter than
 * the range into {@code UNAVAILABLE}, so a cut-off transfer never looks complete. Like the local stream it
 * flows once a handler is set, unless paused.
 */
final class RemoteRangeStream implements ReadStream<Buffer> {
    private final HttpClientResponse response;
    private final ShardId id;
    private final long offset;
    private final long length;
    private final BodyMac mac;
    private final String node;
    private long received;
    private boolean paused;
    private Handler<Void> endHandler;
    private Handler<Throwable> exceptionHandler;

    RemoteRangeStream(HttpClientResponse response, ShardId id, long offset, long length, BodyMac mac,
                      String node) {
        this.response = response;
        this.id = id;
        this.offset = offset;
        this.length = length;
        this.mac = mac;
        this.node = node;
        response.exceptionHandler(this::fail);
        response.endHandler(v -> finish());
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (handler == null) {
            response.handler(null);
            return this;
        }
        response.handler(data -> {
            received += data.length();
            mac.update(data).onFailure(this::fail);
            handler.handle(data);
        });
        if (!paused) response.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        paused = true;
        response.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        paused = false;
        response.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        response.fetch(amount);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> handler) {
        endHandler = handler;
        return this;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        exceptionHandler = handler;
        return this;
    }

    private void finish() {
        String kind = response.trailers().get(ShardHttp.ERROR_KIND);
        if (kind != null) {
            fail(new ShardStoreException(ShardHttp.kind(500, kind), response.trailers().get(ShardHttp.ERROR_MESSAGE)));
        } else if (received != length) {
            fail(new ShardStoreException(ShardStoreException.Kind.UNAVAILABLE, "read of shard " + id + " at "
                    + offset + " ended after " + received + " of " + length + " bytes"));
        } else {
            String presented = response.trailers().get(ClusterSignature.BODY_MAC);
            mac.tag().onComplete(tag -> {
                if (tag.failed()) {
                    fail(tag.cause());
                } else if (mac.coversBody() && !Exchange.tagMatches(tag.result(), presented)) {
                    fail(Exchange.unauthenticated(node, "range body"));
                } else if (endHandler != null) {
                    endHandler.handle(null);
                }
            });
        }
    }

    private void fail(Throwable cause) {
        Throwable failure = cause instanceof ShardStoreException ? cause : new ShardStoreException(
                ShardStoreException.Kind.UNAVAILABLE, "read of shard " + id + " broke off: " + cause.getMessage(),
                cause);
        if (exceptionHandler != null) exceptionHandler.handle(failure);
    }
}
