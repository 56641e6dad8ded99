package io.granary.api.heal;

import io.granary.api.async.AsyncMetadata;
import io.granary.api.cluster.NodeSet;
import io.granary.datanode.ShardId;
import io.granary.datanode.ShardStore;
import io.granary.metadata.model.GarbageTask;
import io.granary.metadata.store.QueuedTask;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the garbage queue: the shards of overwritten and deleted objects, replaced and unused parts
 * and aborted uploads are deleted on their nodes, and a task is acknowledged only once every shard is
 * gone (deleting a missing shard counts). A node that is down keeps its tasks queued until it is back.
 * Also forgets completed-upload records after a day, once no client can still be retrying a complete.
 */
public final class GarbageCollector {
    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);
    private static final int BATCH = 64;
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final long COMPLETED_UPLOAD_RETENTION_MILLIS = Duration.ofDays(1).toMillis();

    private final Vertx vertx;
    private final AsyncMetadata metadata;
    private final NodeSet nodes;
    private final long intervalMillis;
    private long timer = -1;
    private boolean running;

    public GarbageCollector(Vertx vertx, AsyncMetadata metadata, NodeSet nodes, long intervalMillis) {
        this.vertx = vertx;
        this.metadata = metadata;
        this.nodes = nodes;
        this.intervalMillis = intervalMillis;
    }

    public void start() {
        timer = vertx.setPeriodic(intervalMillis, id -> runOnce());
    }

    public void stop() {
        if (timer >= 0) vertx.cancelTimer(timer);
    }

    /** One pass: claim a batch, delete, acknowledge what is done; at most one pass at a time. */
    public Future<Integer> runOnce() {
        if (running) return Future.succeededFuture(0);
        running = true;
        long cutoff = System.currentTimeMillis() - COMPLETED_UPLOAD_RETENTION_MILLIS;
        return metadata.call(store -> {
            store.multipart().purgeCompleted(cutoff);
            return store.garbageQueue().claim(BATCH, LEASE);
        }).compose(this::collect).onComplete(done -> {
            running = false;
            if (done.failed()) LOG.warn("garbage collection pass failed", done.cause());
        });
    }

    private Future<Integer> collect(List<QueuedTask<GarbageTask>> tasks) {
        List<Future<Long>> done = new ArrayList<>();
        for (QueuedTask<GarbageTask> task : tasks) {
            done.add(delete(task.task()).map(v -> task.id()));
        }
        return Future.join(done).transform(ignored -> {
            List<Long> acknowledged = new ArrayList<>();
            for (Future<Long> one : done) {
                if (one.succeeded()) acknowledged.add(one.result());
            }
            return metadata.call(store -> {
                store.garbageQueue().acknowledge(acknowledged);
                return acknowledged.size();
            });
        });
    }

    private Future<Void> delete(GarbageTask task) {
        List<Future<Void>> deletes = new ArrayList<>();
        for (int i = 0; i < task.nodes().size(); i++) {
            String node = task.nodes().get(i);
            if (node == null) continue;
            ShardStore store = nodes.online(node);
            deletes.add(store == null ? Future.failedFuture("node " + node + " offline")
                    : store.delete(ShardId.of(task.shardSetId(), i)));
        }
        return Future.all(deletes).mapEmpty();
    }
}
