package io.granary.bench.load;

import io.vertx.core.Context;
import io.vertx.core.Deployable;
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
 * Runs an operation from its loops until a {@link RunBudget} is spent. Each loop has its own event-loop context
 * (a tiny deployment, so loops spread over the event loops; contexts made from the main thread would all be that
 * thread's one sticky context) and its own {@link S3Client}, so its connections live on its event loop and response
 * bytes are never handed from one event-loop thread to another. A loop keeps its context across runs (warm-up,
 * then measurement) and starts its next operation when the previous one finishes, so the offered concurrency is
 * exactly loops × requests per loop. The first failure stops every loop. Runs are called from the main thread,
 * which blocks until the loops are done, with a hard limit so that a hung server cannot hang the tool.
 */
final class LoadDriver {
    /** What one run did: operations completed, payload bytes moved, wall time from start to last completion. */
    record Outcome(long ops, long bytes, long nanos) {
        double seconds() {
            return nanos / 1e9;
        }
    }

    private static final long DEPLOY_LIMIT_SECONDS = 60;

    private final LoadOp op;
    private final List<S3Client> clients;
    private final List<Context> contexts;

    private LoadDriver(LoadOp op, List<S3Client> clients, List<Context> contexts) {
        this.op = op;
        this.clients = clients;
        this.contexts = contexts;
    }

    /** A driver with one context per client, i.e. per loop. */
    static LoadDriver start(Vertx vertx, LoadOp op, List<S3Client> clients) throws Exception {
        List<Context> contexts = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            Promise<Context> created = Promise.promise();
            Deployable capture = context -> {
                created.complete(context);
                return Future.succeededFuture();
            };
            contexts.add(await(vertx.deployVerticle(capture).compose(id -> created.future()), DEPLOY_LIMIT_SECONDS));
        }
        return new LoadDriver(op, clients, contexts);
    }

    Outcome run(RunBudget budget, Latencies latencies, long limitSeconds) throws Exception {
        AtomicLong ops = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        List<Future<Void>> loops = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < contexts.size(); i++) {
            Loop loop = new Loop(i, budget, latencies, ops, bytes);
            contexts.get(i).runOnContext(v -> loop.next());
            loops.add(loop.done.future());
        }
        await(Future.all(loops), limitSeconds);
        return new Outcome(ops.get(), bytes.get(), System.nanoTime() - start);
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

    /** One loop of one run; touched only from its own context. */
    private final class Loop {
        private final int index;
        private final RunBudget budget;
        private final Latencies latencies;
        private final AtomicLong ops;
        private final AtomicLong bytes;
        private final Promise<Void> done = Promise.promise();

        Loop(int index, RunBudget budget, Latencies latencies, AtomicLong ops, AtomicLong bytes) {
            this.index = index;
            this.budget = budget;
            this.latencies = latencies;
            this.ops = ops;
            this.bytes = bytes;
        }

        void next() {
            long seq = budget.next();
            if (seq < 0) {
                done.complete();
                return;
            }
            op.run(clients.get(index), seq, index, latencies).onComplete(result -> {
                if (result.failed()) {
                    budget.stop();
                    done.fail(result.cause());
                    return;
                }
                ops.incrementAndGet();
                bytes.addAndGet(result.result());
                next();
            });
        }
    }
}
