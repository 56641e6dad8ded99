package io.granary.api.it.soak;

import io.granary.api.it.GranaryServerExtension;
import io.granary.api.it.cluster.ProcessCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code bench/soak.sh [--minutes N]}: the full soak (64 clients, 4 KiB–64 MiB, a data node killed every
 * minute, another emptied and healed) against a fresh seven-process cluster in a temporary directory; prints the
 * report and exits 1 when anything failed or read wrong.
 */
public final class SoakMain {
    private SoakMain() {
    }

    public static void main(String[] args) throws Exception {
        int minutes = 10;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--minutes") && i + 1 < args.length) {
                minutes = Integer.parseInt(args[++i]);
            } else {
                System.err.println("usage: soak [--minutes N]");
                System.exit(2);
            }
        }
        Path root = Files.createTempDirectory("granary-soak-");
        SoakReport report;
        try (ProcessCluster cluster = ProcessCluster.start(root.resolve("cluster"), List.of())) {
            report = Soak.run(cluster, SoakSettings.full(Duration.ofMinutes(minutes)));
        } finally {
            GranaryServerExtension.deleteTree(root);
        }
        System.out.print(report.markdown());
        boolean clean = report.errors() == 0 && report.wrongBytes() == 0 && report.wrongListings() == 0
                && report.openFilesAtEnd() <= report.openFilesAtStart() + Soak.OPEN_FILES_SLACK;
        System.exit(clean ? 0 : 1);
    }
}
