package io.granary.api.heal;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Function;

/**
 * Runs an asynchronous step per page of a listing until a step answers no next cursor. Each step starts
 * from the previous one's completion callback rather than a chain of composed futures, so a walk over
 * millions of pages holds one page's futures at a time. Steps must complete asynchronously (they do: they
 * list through a worker pool or over HTTP).
 */
final class PagedWalk {

    private PagedWalk() {
    }

    /** Walks from the first page ({@code step} gets null) to the last; fails with the first failed step. */
    static <C> Future<Void> walk(Function<C, Future<C>> step) {
        Promise<Void> done = Promise.promise();
        next(null, step, done);
        return done.future();
    }

    private static <C> void next(C cursor, Function<C, Future<C>> step, Promise<Void> done) {
        step.apply(cursor).onComplete(result -> {
            if (result.failed()) {
                done.fail(result.cause());
            } else if (result.result() == null) {
                done.complete();
            } else {
                next(result.result(), step, done);
            }
        });
    }
}
