package io.granary.api.it.cluster;

import io.granary.api.it.GranaryServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One {@link ProcessCluster} per test class in a fresh temporary directory, with room beside it for the
 * test's object files ({@link #scratch(String)}); everything is killed and deleted after the class. When
 * a test fails, the tail of every node's log is printed, so a CI failure shows what the child JVMs said.
 * Register it as a static field with {@code @RegisterExtension}.
 */
public final class ProcessClusterExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher {
    private static final int LOG_LINES = 40;

    private final List<String> apiNodeOptions;
    private final boolean clusterTls;
    private Path root;
    private ProcessCluster cluster;

    public ProcessClusterExtension() {
        this(List.of());
    }

    /** A cluster whose API node gets {@code apiNodeOptions} besides the usual ones (e.g. a heal rate). */
    public ProcessClusterExtension(List<String> apiNodeOptions) {
        this(apiNodeOptions, false);
    }

    /** @param clusterTls whether the nodes talk TLS with a cluster CA made for the test */
    public ProcessClusterExtension(List<String> apiNodeOptions, boolean clusterTls) {
        this.apiNodeOptions = List.copyOf(apiNodeOptions);
        this.clusterTls = clusterTls;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        root = Files.createTempDirectory("granary-cluster-");
        cluster = ProcessCluster.start(root.resolve("cluster"), apiNodeOptions, clusterTls);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (cluster != null) cluster.close();
        } finally {
            GranaryServerExtension.deleteTree(root);
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (cluster == null) return;
        try {
            System.err.println("==== node logs after " + context.getDisplayName() + " failed\n"
                    + cluster.logTails(LOG_LINES));
        } catch (IOException e) {
            System.err.println("could not read the node logs: " + e);
        }
    }

    public ProcessCluster cluster() {
        return cluster;
    }

    /** A directory for the test's own files (e.g. object payloads), created on first use. */
    public Path scratch(String name) throws IOException {
        return Files.createDirectories(root.resolve(name));
    }
}
