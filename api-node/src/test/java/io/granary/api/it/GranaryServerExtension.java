package io.granary.api.it;

import io.granary.api.ApiNode;
import io.granary.api.heal.BackgroundSettings;
import io.granary.datanode.LocalShardStore;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the embedded server (API node and six local data nodes) on 127.0.0.1 with a free port and
 * a fresh temporary data directory, once per test class, with fixed root credentials. Register it as
 * a static field with {@code @RegisterExtension}; each test uses its own bucket ({@link #newBucket()}).
 */
public final class GranaryServerExtension implements BeforeAllCallback, AfterAllCallback {
    public static final String ACCESS_KEY = "GKTESTROOTACCESSKEY1";
    public static final String SECRET_KEY = "test-root-secret-key-0123456789abcdefghij";
    public static final String REGION = "us-east-1";

    /**
     * Every shard a file, unlike the shipped embedded server (small shards in segments): most ITs inspect
     * and damage shard files directly. Segment-backed nodes are covered by the Segment*IT classes.
     */
    static final LocalShardStore.Options FILE_SHARDS = LocalShardStore.Options.FILES.withTrustFrames(true);

    private final BackgroundSettings background;
    private final UnaryOperator<ApiNode.Config> configure;
    private Vertx vertx;
    private ApiNode node;
    private Path dataDir;

    public GranaryServerExtension() {
        this(BackgroundSettings.defaults());
    }

    /** A server whose background workers run with {@code background}. */
    public GranaryServerExtension(BackgroundSettings background) {
        this(background, FILE_SHARDS);
    }

    /** A server whose six data nodes are opened with {@code stores} (e.g. small shards in segments). */
    public GranaryServerExtension(BackgroundSettings background, LocalShardStore.Options stores) {
        this(background, (UnaryOperator<ApiNode.Config>) c -> c.withShardStores(stores));
    }

    private GranaryServerExtension(BackgroundSettings background, UnaryOperator<ApiNode.Config> configure) {
        this.background = background;
        this.configure = configure;
    }

    /** A server whose configuration {@code configure} changes (e.g. {@code c -> c.withSigV2(false)}). */
    public static GranaryServerExtension configured(UnaryOperator<ApiNode.Config> configure) {
        return new GranaryServerExtension(BackgroundSettings.defaults(),
                c -> configure.apply(c.withShardStores(FILE_SHARDS)));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("granary-it-");
        vertx = Vertx.vertx();
        node = ApiNode.start(vertx, configure.apply(ApiNode.Config.embedded(dataDir, "127.0.0.1", 0,
                Map.of("GRANARY_ACCESS_KEY", ACCESS_KEY, "GRANARY_SECRET_KEY", SECRET_KEY))
                .withBackground(background)));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (node != null) node.close();
        if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get();
        deleteTree(dataDir);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + node.port());
    }

    public int port() {
        return node.port();
    }

    /** The data directory: {@code meta/} and {@code node-1} .. {@code node-6}. */
    public Path dataDir() {
        return dataDir;
    }

    public ApiNode node() {
        return node;
    }

    /** A bucket name no other test uses. */
    public static String newBucket() {
        return "it-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** Deletes everything inside {@code root}, keeping it: a replaced, empty disk. */
    public static void emptyDirectory(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(root)).toList()) {
                Files.delete(path);
            }
        }
    }

    public static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
