package io.granary.api.heal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.granary.api.async.AsyncMetadata;
import io.granary.api.async.Pools;
import io.granary.api.cluster.HealthChecker;
import io.granary.api.cluster.Membership;
import io.granary.api.metrics.GranaryMetrics;
import io.granary.api.cluster.NodeSet;
import io.granary.erasure.ReedSolomon;
import io.granary.erasure.StripeLayout;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API node's recovery machinery, started together: data-node health checks, the heal worker that
 * drains the heal queue, the full heal pass (resumed if a restart interrupted it), the scrubber (on demand
 * and on its schedule) and the orphan-shard collector.
 */
public final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final Membership membership;
    private final HealthChecker health;
    private final HealWorker worker;
    private final HealPass pass;
    private final Scrubber scrubber;
    private final OrphanCollector orphans;
    private final GranaryMetrics metrics;

    private Recovery(Membership membership, HealthChecker health, HealWorker worker, HealPass pass,
            Scrubber scrubber, OrphanCollector orphans, GranaryMetrics metrics) {
        this.membership = membership;
        this.health = health;
        this.worker = worker;
        this.pass = pass;
        this.scrubber = scrubber;
        this.orphans = orphans;
        this.metrics = metrics;
    }

    public static Recovery start(Vertx vertx, Pools pools, AsyncMetadata metadata, Membership membership,
            ReedSolomon codec, StripeLayout layout, BackgroundSettings settings, GranaryMetrics metrics,
            Path scrubLastPassFile, Predicate<String> writing) {
        NodeSet nodes = membership.nodes();
        ByteRateLimiter limiter = new ByteRateLimiter(vertx, settings.healBytesPerSecond());
        ShardHealer healer = new ShardHealer(pools, codec, layout, nodes, metadata, limiter, metrics);
        HealthChecker health = new HealthChecker(vertx, nodes, settings.healthCheckIntervalMillis());
        HealWorker worker = new HealWorker(vertx, metadata, nodes, layout, healer,
                settings.healPollInterval().toMillis());
        HealPass pass = new HealPass(metadata, nodes, layout, healer, health::checkAll);
        Scrubber scrubber = new Scrubber(vertx, metadata, nodes, new ByteRateLimiter(vertx,
                settings.scrubBytesPerSecond()), settings.scrubInterval(), scrubLastPassFile);
        OrphanCollector orphans = new OrphanCollector(vertx, metadata, nodes, settings.orphanGrace(),
                settings.orphanSweepInterval(), set -> writing.test(set) || healer.isHealing(set));
        // One event-loop context for the background work, whatever thread starts the node.
        vertx.getOrCreateContext().runOnContext(v -> {
            health.start();
            worker.start();
            pass.resume().onFailure(e -> LOG.warn("the last full heal's checkpoint could not be resumed", e));
            scrubber.startSchedule();
            orphans.start();
        });
        return new Recovery(membership, health, worker, pass, scrubber, orphans, metrics);
    }

    public NodeSet nodes() {
        return membership.nodes();
    }

    /**
     * Retires data node {@code old} for the one at {@code with} and starts a heal of {@code old}, which
     * moves its shards to the other nodes.
     *
     * @return the new node's id and the heal's progress
     */
    public Future<Replacement> replace(String old, URI with) {
        return membership.replace(old, with).compose(id -> {
            // Gauges exist per node: the new one gets its own (registering the others again is a no-op).
            metrics.watchNodes(membership.nodes());
            return pass.start(old).map(heal -> new Replacement(old, id, heal));
        });
    }

    /** The outcome of a node replacement, as the admin API answers it. */
    public record Replacement(String old, @JsonProperty("new") String added, JobProgress heal) {
    }

    /** Scrub passes: on demand ({@code start}) and automatic, with their progress. */
    public Scrubber scrubber() {
        return scrubber;
    }

    /** The orphan-shard collector; {@code sweep()} runs one sweep now. */
    public OrphanCollector orphans() {
        return orphans;
    }

    public HealthChecker health() {
        return health;
    }

    /** The full heal an administrator starts and watches. */
    public HealPass heal() {
        return pass;
    }

    public void stop() {
        health.stop();
        worker.stop();
        pass.stop();
        scrubber.stop();
        orphans.stop();
    }
}
