package io.granary.api.admin;

import io.granary.api.async.AsyncMetadata;
import io.granary.api.cluster.NodeSet;
import io.granary.api.heal.BackgroundPass;
import io.granary.api.heal.JobProgress;
import io.granary.api.lifecycle.LifecycleStatus;
import io.granary.api.lifecycle.LifecycleWorker;
import io.granary.datanode.NodeHealth;
import io.granary.datanode.ShardStore;
import io.granary.datanode.segment.SegmentStats;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /_admin/status}: every data node with a live capacity report (asked with a short timeout;
 * a node that does not answer, or that the node set holds offline, is OFFLINE with no figures), the
 * object census against the nodes found online, the heal queue length, and the heal and scrub progress.
 */
public final class ClusterStatus {
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

    private final NodeSet nodes;
    private final AsyncMetadata metadata;
    private final ObjectCensus census;
    private final Map<String, BackgroundPass> passes;
    private final LifecycleWorker lifecycle;

    /**
     * One data node as the report shows it; figures are null when the node is offline. A retired node
     * (replaced) takes no new shards and is emptied by the heal of it. {@code segments}: the node's segment
     * volume and compaction progress (zeros from a node that does not report them). {@code lastAnswerMillis}:
     * when the node last answered a health probe (this report's own, when it answered), null if never.
     */
    public record NodeReport(String id, String endpoint, String state, boolean retired, boolean full, Long usedBytes,
            Long freeBytes, Long reserveBytes, Long shardCount, SegmentStats segments, Long lastAnswerMillis) {
    }

    /**
     * Object versions and open-upload parts, and how many of them lack a shard right now; of the versions, how many
     * are older than their key's current one.
     */
    public record ObjectCounts(long total, long degraded, long noncurrentVersions) {
    }

    /** The whole report, as the JSON answer is shaped. */
    public record Report(List<NodeReport> nodes, ObjectCounts objects, long healQueue, long garbageQueue,
            JobProgress heal, JobProgress scrub, LifecycleStatus lifecycle) {
    }

    /** @param passes the background passes by name; one not registered reports as idle */
    public ClusterStatus(NodeSet nodes, AsyncMetadata metadata, Map<String, BackgroundPass> passes,
            LifecycleWorker lifecycle) {
        this.lifecycle = lifecycle;
        this.nodes = nodes;
        this.metadata = metadata;
        this.census = new ObjectCensus(metadata);
        this.passes = Map.copyOf(passes);
    }

    Future<Void> report(HttpServerRequest http) {
        return report().compose(report -> AdminResponses.json(http, 200, report));
    }

    /** Gathers the report. */
    public Future<Report> report() {
        List<String> ids = nodes.ids();
        List<Future<NodeReport>> asked = new ArrayList<>();
        for (String id : ids) asked.add(node(id));
        return Future.all(asked).compose(all -> {
            List<NodeReport> reports = all.list();
            Set<String> online = new HashSet<>();
            for (NodeReport report : reports) {
                if (report.state().equals(NodeState.ONLINE.name())) online.add(report.id());
            }
            Future<ObjectCensus.Counts> counts = census.count(online);
            Future<long[]> queues = metadata.call(store -> new long[] {store.healQueue().length(),
                store.garbageQueue().length()});
            return Future.all(counts, queues).map(v -> new Report(reports,
                    new ObjectCounts(counts.result().total(), counts.result().degraded(),
                            counts.result().noncurrent()), queues.result()[0], queues.result()[1],
                    progress("heal"), progress("scrub"), lifecycle.status()));
        });
    }

    /** A node's report; never fails (a failed or late answer is an OFFLINE report). */
    private Future<NodeReport> node(String id) {
        ShardStore store = nodes.online(id);
        String endpoint = nodes.store(id).location();
        boolean retired = nodes.isRetired(id);
        NodeReport offline = new NodeReport(id, endpoint, NodeState.OFFLINE.name(), retired, nodes.isFull(id), null,
                null, null, null, null, nodes.lastAnswerMillis(id));
        if (store == null) return Future.succeededFuture(offline);
        Future<NodeHealth> health;
        try {
            health = store.health().timeout(HEALTH_TIMEOUT);
        } catch (RuntimeException e) {
            health = Future.failedFuture(e);
        }
        return health.map(h -> {
            nodes.recordHealth(id, h);
            return new NodeReport(id, endpoint, NodeState.ONLINE.name(), retired, nodes.isFull(id), h.usedBytes(),
                    h.freeBytes(), h.reserveBytes(), h.shardCount(), h.segments(), nodes.lastAnswerMillis(id));
        }).otherwise(offline);
    }

    private JobProgress progress(String name) {
        BackgroundPass pass = passes.get(name);
        return pass == null ? JobProgress.idle(name) : pass.progress();
    }

    /** A node's state in the report. */
    enum NodeState { ONLINE, OFFLINE }
}
