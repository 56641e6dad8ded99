package io.granary.api.heal;

import io.granary.api.async.AsyncMetadata;
import io.granary.api.async.Pools;
import io.granary.api.cluster.HealthChecker;
import io.granary.api.cluster.NodeSet;
import io.granary.erasure.ReedSolomon;
import io.granary.erasure.StripeLayout;
import io.vertx.core.Vertx;

/**
 * The API node's recovery machinery, started together: data-node health checks, the heal worker that
 * drains the heal queue, and the full heal pass (resumed if a restart interrupted it).
 */
public final class Recovery {
    private static final long WORKER_IDLE_MILLIS = 1_000;

    private final NodeSet nodes;
    private final HealthChecker health;
    private final HealWorker worker;
    private final HealPass pass;

    private Recovery(NodeSet nodes, HealthChecker health, HealWorker worker, HealPass pass) {
        this.nodes = nodes;
        this.health = health;
        this.worker = worker;
        this.pass = pass;
    }

    public static Recovery start(Vertx vertx, Pools pools, AsyncMetadata metadata, NodeSet nodes, ReedSolomon codec,
            StripeLayout layout, BackgroundSettings settings) {
        ByteRateLimiter limiter = new ByteRateLimiter(vertx, settings.healBytesPerSecond());
        ShardHealer healer = new ShardHealer(pools, codec, layout, nodes, metadata, limiter);
        HealthChecker health = new HealthChecker(vertx, nodes, settings.healthCheckIntervalMillis());
        HealWorker worker = new HealWorker(vertx, metadata, nodes, layout, healer, WORKER_IDLE_MILLIS);
        HealPass pass = new HealPass(metadata, nodes, layout, healer);
        // One event-loop context for the background work, whatever thread starts the node.
        vertx.getOrCreateContext().runOnContext(v -> {
            health.start();
            worker.start();
            pass.resume();
        });
        return new Recovery(nodes, health, worker, pass);
    }

    public NodeSet nodes() {
        return nodes;
    }

    public HealthChecker health() {
        return health;
    }

    /** The full heal an administrator starts and watches. */
    public BackgroundPass heal() {
        return pass;
    }

    public void stop() {
        health.stop();
        worker.stop();
    }
}
