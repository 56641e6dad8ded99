package io.granary.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs tasks 0..n-1 with at most {@code concurrency} of them in flight and completes when all have succeeded, or
 * fails with the first failure (tasks not yet started are then not started). This is how one multipart upload
 * keeps eight parts in flight and how one ranged download keeps eight ranges in flight.
 */
final class BoundedParallel {
    private final int tasks;
    private final IntFunction<Future<?>> task;
    private final Promise<Void> done = Promise.promise();
    private final AtomicInteger nextTask = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicBoolean failed = new AtomicBoolean();

    private BoundedParallel(int tasks, IntFunction<Future<?>> task) {
        this.tasks = tasks;
        this.task = task;
    }

    static Future<Void> run(int tasks, int concurrency, IntFunction<Future<?>> task) {
        BoundedParallel run = new BoundedParallel(tasks, task);
        if (tasks == 0) return Future.succeededFuture();
        for (int i = 0; i < Math.min(tasks, concurrency); i++) {
            run.startNext();
        }
        return run.done.future();
    }

    private void startNext() {
        int index = nextTask.getAndIncrement();
        if (index >= tasks || failed.get()) return;
        task.apply(index).onComplete(result -> {
            if (result.failed()) {
                if (failed.compareAndSet(false, true)) done.fail(result.cause());
            } else if (finished.incrementAndGet() == tasks) {
                done.complete();
            } else {
                startNext();
            }
        });
    }
}
