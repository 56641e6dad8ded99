package io.granary.api.it;

import io.granary.api.ApiNode;
import io.granary.api.heal.BackgroundSettings;
import io.granary.datanode.LocalShardStore;
import io.granary.metadata.model.HealReason;
import io.granary.metadata.model.HealTask;
import io.granary.metadata.model.PartLayout;
import io.granary.metadata.store.QueuedTask;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An embedded server (API node and six local data nodes) started for one test on its own directory with
 * the test's background settings, so a test sees exactly the objects it wrote; with an SDK client and
 * views of the metadata the background workers act on.
 */
final class EmbeddedNode implements AutoCloseable {
    private final Vertx vertx;
    private final ApiNode node;
    private final Path dataDir;
    private final S3Client s3;

    private EmbeddedNode(Vertx vertx, ApiNode node, Path dataDir) {
        this.vertx = vertx;
        this.node = node;
        this.dataDir = dataDir;
        this.s3 = S3Clients.sync(URI.create("http://127.0.0.1:" + node.port()),
                S3Clients.ChecksumSetting.WHEN_REQUIRED);
    }

    static EmbeddedNode start(Path dataDir, BackgroundSettings settings) throws Exception {
        return start(dataDir, settings, GranaryServerExtension.FILE_SHARDS);
    }

    /** As {@link #start(Path, BackgroundSettings)}, with the data nodes opened with {@code stores}. */
    static EmbeddedNode start(Path dataDir, BackgroundSettings settings, LocalShardStore.Options stores)
            throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            ApiNode node = ApiNode.start(vertx, ApiNode.Config.embedded(dataDir, "127.0.0.1", 0,
                    Map.of("GRANARY_ACCESS_KEY", GranaryServerExtension.ACCESS_KEY,
                            "GRANARY_SECRET_KEY", GranaryServerExtension.SECRET_KEY)).withBackground(settings)
                    .withShardStores(stores));
            return new EmbeddedNode(vertx, node, dataDir);
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
    }

    ApiNode node() {
        return node;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + node.port());
    }

    S3Client s3() {
        return s3;
    }

    Path dataDir() {
        return dataDir;
    }

    /** The layout of part 1 of a stored object. */
    PartLayout firstPart(String bucket, String key) {
        return node.metadata().blocking().objects().get(bucket, key).layout().parts().get(0);
    }

    /**
     * The heal queue's tasks for {@code reason}, read without claiming them. Only meaningful while nothing
     * drains the queue: a heal worker would acknowledge repaired tasks.
     */
    List<HealTask> healTasks(HealReason reason) {
        return node.metadata().blocking().healQueue().peek(0, 10_000).stream().map(QueuedTask::task)
                .filter(task -> task.reason() == reason).toList();
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get();
    }

    @Override
    public void close() throws Exception {
        s3.close();
        node.close();
        await(vertx.close());
    }
}
