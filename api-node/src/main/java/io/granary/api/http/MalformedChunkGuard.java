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
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Names a malformed {@code Transfer-Encoding: chunked} body (a chunk size that is not hex, a missing
 * CRLF) for what it is to S3: Netty's decoder fails the body with a bare {@code NumberFormatException},
 * which this handler, placed just before Vert.x's, turns into {@code 400 IncompleteBody}. The request
 * sees that exception in its exception handler (and the pipe of an upload in progress fails with it),
 * so the answer is an S3 error, never a 500. A malformed request head is left to the server's
 * {@code invalidRequestHandler}.
 */
final class MalformedChunkGuard extends ChannelInboundHandlerAdapter {
    /** Vert.x's name for the handler that feeds the connection; ours goes just before it. */
    private static final String VERTX_HANDLER = "handler";

    private MalformedChunkGuard() {
    }

    /** Installs the guard on a new HTTP/1.x connection. */
    static void install(HttpConnection connection) {
        if (connection instanceof ConnectionBase base
                && base.channelHandlerContext().pipeline().get(VERTX_HANDLER) != null) {
            base.channelHandlerContext().pipeline().addBefore(VERTX_HANDLER, "granary-chunk-guard",
                    new MalformedChunkGuard());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpContent content && !(msg instanceof HttpRequest)
                && content.decoderResult().isFailure()) {
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
