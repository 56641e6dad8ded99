package io.granary.api.it.cluster;

import java.io.IOException;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the tail of every node's log when a test fails, so a failure on CI shows what the child JVMs
 * said without digging for the temp directory. Register it as a static field next to the cluster.
 */
public final class ClusterLogsOnFailure implements TestWatcher {
    private static final int LINES = 40;

    private final Supplier<ProcessCluster> cluster;

    public ClusterLogsOnFailure(Supplier<ProcessCluster> cluster) {
        this.cluster = cluster;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        ProcessCluster running = cluster.get();
        if (running == null) return;
        try {
            System.err.println("==== node logs after " + context.getDisplayName() + " failed\n"
                    + running.logTails(LINES));
        } catch (IOException e) {
            System.err.println("could not read the node logs: " + e);
        }
    }
}
