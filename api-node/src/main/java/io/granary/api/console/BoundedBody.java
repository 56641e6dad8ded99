package io.granary.api.console;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/** Reads a small request body whole, refusing one over a limit before it is buffered. */
final class BoundedBody {
    /** The body was longer than allowed. */
    static final class TooLarge extends RuntimeException {
        TooLarge(int limit) {
            super("The request body is larger than " + limit + " bytes");
        }
    }

    private BoundedBody() {
    }

    static Future<Buffer> read(HttpServerRequest request, int limit) {
        String length = request.getHeader("Content-Length");
        if (length != null && parsedLength(length) > limit) {
            return Future.failedFuture(new TooLarge(limit));
        }
        Promise<Buffer> done = Promise.promise();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > limit) {
                request.pause();
                done.tryFail(new TooLarge(limit));
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(done::tryFail);
        request.endHandler(v -> done.tryComplete(body));
        request.resume();
        return done.future();
    }

    private static long parsedLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
