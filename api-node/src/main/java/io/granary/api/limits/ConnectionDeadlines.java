package io.granary.api.limits;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection's deadlines ({@link ClientLimits}), between Netty's HTTP codec and Vert.x, checked every
 * tick on the connection's event loop. Waiting for a request: closed when its headers are late. Reading a
 * body: only while the server is reading (auto-read on; a paused request is the server's doing), each
 * progress window must bring the minimum rate, else the request fails with {@code 400 RequestTimeout} as
 * if its body broke, so its handler frees what it holds and the answer closes the connection. Writing a
 * response: a client that leaves the socket unwritable for a whole window is cut off (the status went out).
 */
final class ConnectionDeadlines extends ChannelDuplexHandler {
    private final ClientLimits limits;
    private final long progressNanos;
    private final long minBytesPerWindow;
    private ScheduledFuture<?> ticker;
    private boolean firstRequest = true;
    private boolean requestOpen;
    private boolean responseStarted;
    private boolean responseOpen;
    private long idleSince = System.nanoTime();
    private long windowStart;
    private long windowBytes;
    private long unwritableSince = -1;
    private boolean closeAfterResponse;

    ConnectionDeadlines(ClientLimits limits) {
        this.limits = limits;
        this.progressNanos = limits.progressTimeout().toNanos();
        this.minBytesPerWindow = limits.minBytesPerSecond() * limits.progressTimeout().toMillis() / 1000;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        long tick = limits.tick().toNanos();
        ticker = ctx.executor().scheduleAtFixedRate(() -> check(ctx), tick, tick, TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        ticker.cancel(false);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ticker.cancel(false);
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest) {
            requestOpen = true;
            responseStarted = false;
            firstRequest = false;
            restartWindow();
        }
        if (msg instanceof HttpContent content) {
            windowBytes += content.content().readableBytes();
            if (msg instanceof LastHttpContent) requestOpen = false;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response && response.status().code() >= 200) {
            responseStarted = true;
            responseOpen = true;
            if (closeAfterResponse) response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        if (msg instanceof LastHttpContent && responseOpen) {
            responseOpen = false;
            idleSince = System.nanoTime();
            if (closeAfterResponse) promise = promise.unvoid().addListener(ChannelFutureListener.CLOSE);
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        unwritableSince = ctx.channel().isWritable() ? -1 : System.nanoTime();
        super.channelWritabilityChanged(ctx);
    }

    private void check(ChannelHandlerContext ctx) {
        long now = System.nanoTime();
        if (responseOpen) {
            if (unwritableSince >= 0 && now - unwritableSince >= progressNanos) ctx.close();
        } else if (requestOpen) {
            checkBody(ctx, now);
        } else {
            long allowed = (firstRequest ? limits.headerTimeout() : limits.keepAliveTimeout()).toNanos();
            if (now - idleSince >= allowed) ctx.close();
        }
    }

    /** A window in which the server was not reading does not count against the client. */
    private void checkBody(ChannelHandlerContext ctx, long now) {
        if (!ctx.channel().config().isAutoRead()) {
            restartWindow();
            return;
        }
        if (now - windowStart < progressNanos) return;
        if (windowBytes >= Math.max(1, minBytesPerWindow)) {
            restartWindow();
        } else if (responseStarted) {
            ctx.close();
        } else {
            requestOpen = false;
            // The rest of the body would be read as requests: the connection ends with the answer.
            closeAfterResponse = true;
            idleSince = now;
            DefaultLastHttpContent timedOut = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
            timedOut.setDecoderResult(DecoderResult.failure(S3Exception.of(S3Error.REQUEST_TIMEOUT)));
            ctx.fireChannelRead(timedOut);
        }
    }

    private void restartWindow() {
        windowStart = System.nanoTime();
        windowBytes = 0;
    }
}
