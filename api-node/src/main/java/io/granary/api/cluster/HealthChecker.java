package io.granary.api.cluster;

import io.granary.datanode.NodeHealth;
import io.granary.datanode.ShardStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks every data node for its health at a fixed interval and marks it offline when it has failed to
 * answer {@value #FAILURES_TO_OFFLINE} probes in a row (each within a timeout), and online again at its
 * first answer, so writes stop being placed on a dead node and reads go straight to parity instead of
 * waiting on it. A single slow answer (a busy node, a GC pause) does not take a node out: with fewer than
 * the write quorum online, writes are refused. One probe per node at a time.
 */
public final class HealthChecker {
    private static final Logger LOG = LoggerFactory.getLogger(HealthChecker.class);

    private final Vertx vertx;
    private final NodeSet nodes;
    private final long intervalMillis;
    private final long timeoutMillis;
    static final int FAILURES_TO_OFFLINE = 3;

    private final Set<String> probing = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private long timer = -1;

    public HealthChecker(Vertx vertx, NodeSet nodes, long intervalMillis) {
        this.vertx = vertx;
        this.nodes = nodes;
        this.intervalMillis = intervalMillis;
        this.timeoutMillis = Math.max(2_000, 2 * intervalMillis);
    }

    public void start() {
        timer = vertx.setPeriodic(0, intervalMillis, id -> probeAll(false));
    }

    public void stop() {
        if (timer >= 0) vertx.cancelTimer(timer);
    }

    /**
     * Probes every node now, also those with a periodic probe still in flight (it may have been sent before
     * the node came back); completes when every probe has its answer.
     */
    public Future<Void> checkAll() {
        return probeAll(true);
    }

    private Future<Void> probeAll(boolean fresh) {
        return Future.join(nodes.ids().stream().map(id -> check(id, fresh)).toList()).mapEmpty();
    }

    /** One probe; a periodic one ({@code fresh} false) is skipped while the node's last is in flight. */
    private Future<Void> check(String id, boolean fresh) {
        ShardStore store = nodes.store(id);
        if (store == null) return Future.succeededFuture();
        boolean periodic = !fresh;
        if (periodic && !probing.add(id)) return Future.succeededFuture();
        Promise<Void> done = Promise.promise();
        long deadline = vertx.setTimer(timeoutMillis, t -> {
            if (done.tryComplete()) mark(id, false, "no answer within " + timeoutMillis + " ms");
        });
        store.health().onComplete(answer -> {
            vertx.cancelTimer(deadline);
            if (!done.tryComplete()) return;
            if (answer.succeeded()) {
                recordHealth(id, answer.result());
                mark(id, true, null);
            } else {
                mark(id, false, answer.cause().getMessage());
            }
        });
        return done.future().onComplete(v -> {
            if (periodic) probing.remove(id);
        });
    }

    private void recordHealth(String id, NodeHealth health) {
        boolean wasFull = nodes.isFull(id);
        nodes.recordHealth(id, health);
        boolean isFull = nodes.isFull(id);
        if (!wasFull && isFull) {
            LOG.warn("data node {} is full ({} bytes free, {} reserved): new shards go to the other nodes", id,
                    health.freeBytes(), health.reserveBytes());
        }
        if (wasFull && !isFull) LOG.info("data node {} has room again ({} bytes free)", id, health.freeBytes());
    }

    private void mark(String id, boolean answered, String why) {
        int failed = answered ? 0 : failures.merge(id, 1, Integer::sum);
        if (answered) failures.remove(id);
        boolean online = answered || failed < FAILURES_TO_OFFLINE;
        boolean was = nodes.isOnline(id);
        nodes.markOnline(id, online);
        if (was && !online) LOG.warn("data node {} ({}) is offline: {}", id, nodes.store(id).location(), why);
        if (!was && online) LOG.info("data node {} ({}) is back online", id, nodes.store(id).location());
    }
}
