package io.granary.api.it.soak;

import io.granary.api.it.GranaryServerExtension;
import io.granary.api.it.cluster.ProcessCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code bench/soak.sh [--minutes N | --brief]}: the full soak (64 clients, 4 KiB–64 MiB, a data node killed every
 * minute, another emptied and healed; {@code --brief}: SoakIT's short one) against a fresh seven-process cluster in
 * a temporary directory; prints the report and exits 1 when anything failed or read wrong, keeping the directory
 * (the nodes' logs are in its {@code cluster/logs}).
 */
public final class SoakMain {
    private SoakMain() {
    }

    public static void main(String[] args) throws Exception {
        SoakSettings settings = SoakSettings.full(Duration.ofMinutes(10));
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--minutes") && i + 1 < args.length) {
                settings = SoakSettings.full(Duration.ofMinutes(Integer.parseInt(args[++i])));
            } else if (args[i].equals("--brief")) {
                settings = SoakSettings.brief();
            } else {
                System.err.println("usage: soak [--minutes N | --brief]");
                System.exit(2);
            }
        }
        Path root = Files.createTempDirectory("granary-soak-");
        SoakReport report = null;
        try (ProcessCluster cluster = ProcessCluster.start(root.resolve("cluster"), List.of())) {
            // Interrupted (Ctrl-C, SIGTERM), the seven child JVMs must not outlive the soak.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    cluster.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "soak-cluster-stop"));
            report = Soak.run(cluster, settings);
        } finally {
            if (report != null && report.clean()) {
                GranaryServerExtension.deleteTree(root);
            } else {
                System.err.println("soak: not clean; the cluster's directory and logs are kept in " + root);
            }
        }
        System.out.print(report.markdown());
        System.exit(report.clean() ? 0 : 1);
    }
}
