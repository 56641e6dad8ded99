package io.granary.datanode;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.streams.ReadStream;

/**
 * The body of a range read from a data node, passed through with the response's back-pressure. The node
 * sends only verified frames; at the end this stream turns an error trailer into the
 * {@link ShardStoreException} it names (e.g. {@code CORRUPT} with the frame range) and a body shorter than
 * the range into {@code UNAVAILABLE}, so a cut-off transfer never looks complete. Like the local stream it
 * flows once a handler is set, unless paused.
 */
final class RemoteRangeStream implements ReadStream<Buffer> {
    private final HttpClientResponse response;
    private final ShardId id;
    private final long offset;
    private final long length;
    private long received;
    private boolean paused;
    private Handler<Void> endHandler;
    private Handler<Throwable> exceptionHandler;

    RemoteRangeStream(HttpClientResponse response, ShardId id, long offset, long length) {
        this.response = response;
        this.id = id;
        this.offset = offset;
        this.length = length;
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
        } else if (endHandler != null) {
            endHandler.handle(null);
        }
    }

    private void fail(Throwable cause) {
        Throwable failure = cause instanceof ShardStoreException ? cause : new ShardStoreException(
                ShardStoreException.Kind.UNAVAILABLE, "read of shard " + id + " broke off: " + cause.getMessage(),
                cause);
        if (exceptionHandler != null) exceptionHandler.handle(failure);
    }
}
