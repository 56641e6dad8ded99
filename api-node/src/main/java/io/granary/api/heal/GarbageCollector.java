package io.granary.api.heal;

import io.granary.api.async.AsyncMetadata;
import io.granary.api.cluster.NodeSet;
import io.granary.datanode.ShardId;
import io.granary.datanode.ShardStore;
import io.granary.metadata.MetadataStore;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.GarbageTask;
import io.granary.metadata.model.UploadRecord;
import io.granary.metadata.store.MetadataException;
import io.granary.metadata.store.QueuedTask;
import io.granary.metadata.store.UploadPage;
import io.granary.metadata.store.UploadQuery;
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
 * gone (deleting a missing shard counts). A node that is down keeps its tasks queued until it is back, and
 * they are claimable again as soon as it is ({@link WaitingForNodes}), rather than when their lease ends.
 * A pass that claimed a full batch is followed at once by the next, so the queue drains as fast as the nodes
 * delete rather than one batch per interval (a delete-heavy load used to outpace it, and the backlog kept 64
 * connections to every node busy for minutes after the load stopped); the tasks a pass could not finish are
 * leased, so the next pass claims others.
 * Also forgets completed-upload records after a day, once no client can still be retrying a complete,
 * and aborts multipart uploads left open longer than the configured age (their parts become garbage).
 */
public final class GarbageCollector {
    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);
    private static final int BATCH = 64;
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final long COMPLETED_UPLOAD_RETENTION_MILLIS = Duration.ofDays(1).toMillis();
    private static final long UPLOAD_SWEEP_INTERVAL_MILLIS = Duration.ofMinutes(10).toMillis();

    private final Vertx vertx;
    private final AsyncMetadata metadata;
    private final NodeSet nodes;
    private final long intervalMillis;
    private final long abandonedUploadMillis;
    private final WaitingForNodes waitingForNode = new WaitingForNodes();
    private long timer = -1;
    private long lastUploadSweep;
    private boolean running;

    /** @param abandonedUploadMillis uploads initiated longer ago than this are aborted */
    public GarbageCollector(Vertx vertx, AsyncMetadata metadata, NodeSet nodes, long intervalMillis,
            long abandonedUploadMillis) {
        this.vertx = vertx;
        this.metadata = metadata;
        this.nodes = nodes;
        this.intervalMillis = intervalMillis;
        this.abandonedUploadMillis = abandonedUploadMillis;
    }

    public void start() {
        timer = vertx.setPeriodic(intervalMillis, id -> drain());
    }

    public void stop() {
        if (timer >= 0) vertx.cancelTimer(timer);
    }

    /**
     * Passes back to back until one claims less than a full batch; completes with the number of tasks
     * acknowledged. At most one drain runs at a time: a call while one runs completes with 0 at once.
     */
    public Future<Integer> drain() {
        if (running) return Future.succeededFuture(0);
        running = true;
        return passes(0).onComplete(done -> {
            running = false;
            if (done.failed()) LOG.warn("garbage collection pass failed", done.cause());
        });
    }

    private Future<Integer> passes(int acknowledgedSoFar) {
        return pass().compose(pass -> pass.claimed() < BATCH ? Future.succeededFuture(acknowledgedSoFar
                + pass.acknowledged()) : passes(acknowledgedSoFar + pass.acknowledged()));
    }

    private record Pass(int claimed, int acknowledged) {
    }

    /** One pass: claim a batch, delete, acknowledge what is done. */
    private Future<Pass> pass() {
        long now = System.currentTimeMillis();
        boolean sweepUploads = now - lastUploadSweep >= UPLOAD_SWEEP_INTERVAL_MILLIS;
        if (sweepUploads) lastUploadSweep = now;
        List<Long> returned = waitingForNode.release(nodes);
        return metadata.call(store -> {
            if (!returned.isEmpty()) store.garbageQueue().retryAfter(returned, Duration.ZERO);
            if (sweepUploads) {
                store.multipart().purgeCompleted(now - COMPLETED_UPLOAD_RETENTION_MILLIS);
                abortAbandoned(store, now - abandonedUploadMillis);
            }
            return store.garbageQueue().claim(BATCH, LEASE);
        }).compose(tasks -> collect(tasks).map(acknowledged -> new Pass(tasks.size(), acknowledged)));
    }

    /** Runs on the metadata pool. Returns how many uploads were aborted. */
    static int abortAbandoned(MetadataStore store, long initiatedBefore) {
        int aborted = 0;
        for (BucketRecord bucket : store.buckets().list()) {
            String keyMarker = null;
            String idMarker = null;
            UploadPage page;
            do {
                page = store.multipart().listUploads(bucket.name(), new UploadQuery(null, null, keyMarker, idMarker,
                        1000));
                for (UploadRecord upload : page.uploads()) {
                    if (upload.initiatedMillis() >= initiatedBefore) continue;
                    try {
                        store.multipart().abort(bucket.name(), upload.key(), upload.uploadId());
                        aborted++;
                    } catch (MetadataException e) {
                        LOG.debug("upload {} ended while being aborted", upload.uploadId(), e);
                    }
                }
                keyMarker = page.nextKeyMarker();
                idMarker = page.nextUploadIdMarker();
            } while (page.truncated());
        }
        if (aborted > 0) LOG.info("aborted {} multipart uploads left open too long", aborted);
        return aborted;
    }

    private Future<Integer> collect(List<QueuedTask<GarbageTask>> tasks) {
        List<Future<Long>> done = new ArrayList<>();
        for (QueuedTask<GarbageTask> task : tasks) {
            // A task that cannot be started (a malformed record) fails alone instead of ending the pass.
            done.add(Future.<Void>succeededFuture().compose(v -> delete(task)).map(v -> task.id()));
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

    private Future<Void> delete(QueuedTask<GarbageTask> queued) {
        GarbageTask task = queued.task();
        List<Future<Void>> deletes = new ArrayList<>();
        for (int i = 0; i < task.nodes().size(); i++) {
            String node = task.nodes().get(i);
            if (node == null) continue;
            ShardStore store = nodes.online(node);
            if (store == null) waitingForNode.park(node, List.of(queued.id()));
            deletes.add(store == null ? Future.failedFuture("node " + node + " offline")
                    : store.delete(ShardId.of(task.shardSetId(), i)));
        }
        return Future.all(deletes).mapEmpty();
    }
}
