package io.granary.api.http;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Names broken HTTP framing for what it is to S3, between Netty's decoder and Vert.x: a malformed
 * {@code Transfer-Encoding: chunked} body (a chunk size that is not hex, a missing CRLF), which Netty
 * fails with a bare {@code NumberFormatException}, becomes {@code 400 IncompleteBody}: the request sees
 * it in its exception handler and the pipe of an upload in progress fails with it, so the answer is an
 * S3 error, never a 500. A request line naming another HTTP version than 1.0 or 1.1 (Vert.x would answer
 * a bare 501) becomes a malformed request for the server's {@code invalidRequestHandler}.
 */
final class HttpFramingGuard extends ChannelInboundHandlerAdapter {
    /** Vert.x's name for the handler that feeds the connection; ours goes just before it. */
    private static final String VERTX_HANDLER = "handler";

    private HttpFramingGuard() {
    }

    /** Installs the guard on a new HTTP/1.x connection. */
    static void install(HttpConnection connection) {
        if (connection instanceof ConnectionBase base
                && base.channelHandlerContext().pipeline().get(VERTX_HANDLER) != null) {
            base.channelHandlerContext().pipeline().addBefore(VERTX_HANDLER, "granary-framing-guard",
                    new HttpFramingGuard());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            // Vert.x compares versions by identity: "http/1.1" equals HTTP_1_1 but is another instance.
            HttpVersion version = request.protocolVersion();
            if (version.equals(HttpVersion.HTTP_1_1)) {
                request.setProtocolVersion(HttpVersion.HTTP_1_1);
            } else if (version.equals(HttpVersion.HTTP_1_0)) {
                request.setProtocolVersion(HttpVersion.HTTP_1_0);
            } else {
                // The error answer goes out in HTTP/1.1, whatever the request line claimed.
                request.setProtocolVersion(HttpVersion.HTTP_1_1);
                if (request.decoderResult().isSuccess()) {
                    request.setDecoderResult(DecoderResult.failure(new IllegalArgumentException("unsupported "
                            + "HTTP version " + version)));
                }
            }
        } else if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
            Throwable cause = content.decoderResult().cause();
            ReferenceCountUtil.release(msg);
            DefaultLastHttpContent failed = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
            failed.setDecoderResult(DecoderResult.failure(S3Exception.of(S3Error.INCOMPLETE_BODY,
                    "The chunked request body is malformed: " + cause.getMessage())));
            ctx.fireChannelRead(failed);
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
