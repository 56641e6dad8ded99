package io.granary.api.admin;

import io.granary.api.async.AsyncMetadata;
import io.granary.api.async.Pools;
import io.granary.api.cluster.NodeSet;
import io.granary.api.error.ErrorMapping;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.pipeline.PartRead;
import io.granary.api.pipeline.ShardSetIo;
import io.granary.datanode.ShardStore;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.PartLayout;
import io.granary.metadata.store.MetadataException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * {@code POST /_admin/drill[?sample=N][&nodes=A,B]}: the proof that the cluster survives the loss of
 * any two data nodes. Each object is read through the normal {@code StripeReader} as if two nodes were
 * down (their stores are simply left out of that one read, so clients, writes and the nodes' data are
 * untouched), its bytes are checked part by part against the part ETags, and one NDJSON line per
 * object streams back, then a summary. One object is read at a time and the next only once its line
 * has been taken by the connection, so memory stays at a few stripes whatever the object sizes.
 */
public final class RecoveryDrill {
    /** Why a version picked by the scan may be gone by its turn: deleted, or its bucket deleted. */
    private static final Set<MetadataException.Reason> GONE = EnumSet.of(MetadataException.Reason.NO_SUCH_BUCKET,
            MetadataException.Reason.NO_SUCH_KEY, MetadataException.Reason.NO_SUCH_VERSION);
    private final NodeSet nodes;
    private final AsyncMetadata metadata;
    private final ShardSetIo shards;
    private final Pools pools;

    /** What the drill found for one object, as its NDJSON line. */
    public record ObjectLine(String bucket, String key, long size, List<String> down, boolean ok, String error) {
    }

    /** The totals; {@code pairs} is how many distinct pairs of nodes were down for some object. */
    public record Summary(long objects, long ok, long failed, long bytes, double seconds, int pairs) {
    }

    /** The last NDJSON line. */
    public record SummaryLine(Summary summary) {
    }

    public RecoveryDrill(NodeSet nodes, AsyncMetadata metadata, ShardSetIo shards, Pools pools) {
        this.nodes = nodes;
        this.metadata = metadata;
        this.shards = shards;
        this.pools = pools;
    }

    Future<Void> run(HttpServerRequest http) {
        DrillPlan plan = DrillPlan.parse(http.getParam("sample"), http.getParam("nodes"), nodes.ids());
        DrillReport report = new DrillReport(http.response(), plan);
        ObjectSelection selection = new ObjectSelection(metadata, plan.sample(), new Random());
        return batches(selection, report).compose(v -> report.finish());
    }

    private Future<Void> batches(ObjectSelection selection, DrillReport report) {
        if (selection.exhausted()) return Future.succeededFuture();
        return selection.next().compose(batch -> each(batch, 0, report)).compose(v -> batches(selection, report));
    }

    private Future<Void> each(List<ObjectSelection.ObjectRef> batch, int index, DrillReport report) {
        if (index == batch.size()) return Future.succeededFuture();
        return drill(batch.get(index), report).compose(v -> each(batch, index + 1, report));
    }

    private Future<Void> drill(ObjectSelection.ObjectRef ref, DrillReport report) {
        return current(ref).compose(found -> {
            if (found.isEmpty()) return Future.succeededFuture();
            ObjectRecord object = found.get();
            List<String> down = report.nextPair();
            return read(object, down).compose(error -> report.add(new ObjectLine(ref.bucket(), object.key(),
                    object.size(), down, error == null, error)));
        });
    }

    /** The object version's record, or empty if it (or its bucket) went away since the scan. */
    private Future<Optional<ObjectRecord>> current(ObjectSelection.ObjectRef ref) {
        return metadata.call(store -> Optional.of(store.objects().getVersion(ref.bucket(), ref.key(),
                ref.versionId()))).recover(failure -> failure instanceof MetadataException missing
                        && GONE.contains(missing.reason())
                        ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(failure));
    }

    /** Reads the whole object without {@code down}'s shards; the future holds why it failed, or null. */
    private Future<String> read(ObjectRecord object, List<String> down) {
        List<PartRead> reads = new ArrayList<>();
        for (PartLayout part : object.layout().parts()) {
            List<ShardStore> stores = new ArrayList<>(shards.readStores(part.nodes()));
            for (int i = 0; i < stores.size(); i++) {
                if (down.contains(part.nodes().get(i))) stores.set(i, null);
            }
            reads.add(PartRead.only(part.shardSetId(), stores, part.size(), 0, part.size() - 1));
        }
        PartDigestSink sink = new PartDigestSink(pools, object.layout().parts());
        // The pipe ends the sink, whose end completes once every byte is hashed and checked.
        // Shards missing because their node is "down" are the drill's own doing, not damage to heal.
        return shards.openReader(reads, (part, damaged) -> { }).pipe().endOnFailure(false).to(sink)
                .map(v -> sink.mismatch())
                .otherwise(RecoveryDrill::describe);
    }

    private static String describe(Throwable failure) {
        S3Exception error = ErrorMapping.toS3(failure);
        String message = error.error() == S3Error.INTERNAL_ERROR && failure.getMessage() != null
                ? failure.getMessage() : error.getMessage();
        return error.error().code() + ": " + message;
    }
}
