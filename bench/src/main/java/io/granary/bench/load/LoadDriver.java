package io.granary.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs an operation from its loops until a {@link RunBudget} is spent. Each loop lives on its own Vert.x context
 * (spread over the event loops) and starts its next operation when the previous one finishes, so the offered
 * concurrency is exactly the number of loops. The first failure stops every loop. Called from the main thread,
 * which blocks until the loops are done, with a hard limit so that a hung server cannot hang the tool.
 */
final class LoadDriver {
    /** What one run did: operations completed, payload bytes moved, wall time from start to last completion. */
    record Outcome(long ops, long bytes, long nanos) {
        double seconds() {
            return nanos / 1e9;
        }
    }

    private final Vertx vertx;
    private final LoadOp op;

    LoadDriver(Vertx vertx, LoadOp op) {
        this.vertx = vertx;
        this.op = op;
    }

    Outcome run(RunBudget budget, Latencies latencies, long limitSeconds) throws Exception {
        AtomicLong ops = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        List<Future<Void>> loops = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < op.loops(); i++) {
            Promise<Void> done = Promise.promise();
            int loop = i;
            vertx.getOrCreateContext().runOnContext(v -> next(loop, budget, latencies, ops, bytes, done));
            loops.add(done.future());
        }
        await(Future.all(loops), limitSeconds);
        return new Outcome(ops.get(), bytes.get(), System.nanoTime() - start);
    }

    private void next(int loop, RunBudget budget, Latencies latencies, AtomicLong ops, AtomicLong bytes,
                      Promise<Void> done) {
        long seq = budget.next();
        if (seq < 0) {
            done.complete();
            return;
        }
        op.run(seq, loop, latencies).onComplete(result -> {
            if (result.failed()) {
                budget.stop();
                done.fail(result.cause());
                return;
            }
            ops.incrementAndGet();
            bytes.addAndGet(result.result());
            next(loop, budget, latencies, ops, bytes, done);
        });
    }

    /** Blocks the (non-event-loop) caller until the future completes; rethrows its failure. */
    static <T> T await(Future<T> future, long limitSeconds) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(limitSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new TimeoutException("no completion within " + limitSeconds + " s; is the server hung?");
        }
    }
}
