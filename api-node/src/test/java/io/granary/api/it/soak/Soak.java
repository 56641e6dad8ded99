package io.granary.api.it.soak;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.granary.api.it.AdminCli;
import io.granary.api.it.GranaryServerExtension;
import io.granary.api.it.cluster.ProcessCluster;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One soak against a running {@link ProcessCluster}: {@code clients} {@link SoakClient}s for the run's duration
 * under the {@link FaultInjector}'s faults, then the end checks: a full heal, every key each client holds read
 * whole with two data nodes down, and the API node's open files back to where they started.
 */
final class Soak {
    /** Files the API node may hold beyond its baseline at the end (RocksDB files made by compaction, a log). */
    static final long OPEN_FILES_SLACK = 16;
    static final String VERIFY = "GET end, 2 nodes down";
    private static final Duration FILES_SETTLE = Duration.ofMinutes(2);
    private static final Duration TREND_STEP = Duration.ofSeconds(10);
    /** Kills every run sees under load; the load may run up to OVERTIME past its duration to reach them. */
    static final int MIN_KILLS = 2;
    private static final Duration OVERTIME = Duration.ofMinutes(2);

    private Soak() {
    }

    static SoakReport run(ProcessCluster cluster, SoakSettings settings) throws Exception {
        SoakTally tally = new SoakTally();
        String bucket = GranaryServerExtension.newBucket();
        S3Client s3 = cluster.client(settings.clients() * 2);
        s3.createBucket(b -> b.bucket(bucket));
        try (ProcessSampler sampler = new ProcessSampler(cluster.apiNodePid())) {
            long filesAtStart = sampler.openFiles();
            long deadline = System.nanoTime() + settings.duration().toNanos();
            long lastCall = deadline + OVERTIME.toNanos();
            FaultInjector faults = new FaultInjector(cluster, settings);
            // The load lasts the run's duration and until the second kill (a slow machine can spend much of a brief
            // run waiting for the heal queue to drain before the emptying), but never more than OVERTIME beyond.
            BooleanSupplier over = () -> {
                long now = System.nanoTime();
                return now > lastCall || now > deadline && faults.kills() >= MIN_KILLS;
            };
            List<SoakClient> clients = new ArrayList<>();
            for (int i = 0; i < settings.clients(); i++) {
                clients.add(new SoakClient(s3, bucket, i, settings, tally, over));
            }
            ExecutorService pool = Executors.newFixedThreadPool(settings.clients());
            FaultInjector.EmptiedHeal healTime;
            Duration loadTook;
            try (faults) {
                faults.start();
                List<Future<?>> running = new ArrayList<>();
                for (SoakClient client : clients) running.add(pool.submit(client));
                for (Future<?> client : running) client.get();
                loadTook = Duration.ofNanos(System.nanoTime() - deadline).plus(settings.duration());
                healTime = faults.healTime().get(30, TimeUnit.MINUTES);
            } finally {
                pool.shutdownNow();
            }
            if (!faults.failures().isEmpty()) throw new IllegalStateException("faults: " + faults.failures());

            // Every node back in the API node's view before the final heal, which would count a node still
            // marked offline as failed shards.
            await("all data nodes online").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                    .until(() -> AdminCli.json(cluster.endpoint(), "status", "--json").path("nodes"),
                            nodes -> nodes.findValuesAsText("state").stream().allMatch("ONLINE"::equals));
            AdminCli.Result heal = AdminCli.run(cluster.endpoint(), "heal", "--wait");
            if (heal.exit() != 0) throw new IllegalStateException("final heal: " + heal.out() + heal.err());
            cluster.kill(1, 2);
            long verified = 0;
            for (SoakClient client : clients) verified += client.verifyAll(VERIFY);
            cluster.restart(1, 2);
            s3.close();
            List<Long> trend = new ArrayList<>();
            long filesAtEnd = settledOpenFiles(sampler, filesAtStart, trend);
            if (filesAtEnd > filesAtStart + OPEN_FILES_SLACK) {
                // What the API node was still doing: queues and passes that could explain busy connections.
                JsonNode status = AdminCli.json(cluster.endpoint(), "status", "--json");
                tally.note("open files: " + sampler.describeOpenFiles() + "; heal queue " + status.path("healQueue")
                        + ", garbage queue " + status.path("garbageQueue") + ", heal " + status.path("heal")
                        + ", scrub " + status.path("scrub") + "; open files every 10 s while settling " + trend);
            }
            return new SoakReport(settings, loadTook, tally.ops(), tally.errors(), tally.wrongBytes(),
                    tally.wrongListings(), verified, sampler.maxHeapBytes(), sampler.maxRssBytes(), filesAtStart,
                    filesAtEnd, healTime, faults.kills(), tally.examples());
        }
    }

    /**
     * The open-file count once it is back within the slack of the start (idle connections close), or at 2 min;
     * the counts seen every 10 s on the way go to {@code trend}.
     */
    private static long settledOpenFiles(ProcessSampler sampler, long atStart, List<Long> trend) throws IOException {
        long started = System.nanoTime();
        try {
            return await().atMost(FILES_SETTLE).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        long files = sampler.openFiles();
                        if (System.nanoTime() - started >= trend.size() * TREND_STEP.toNanos()) trend.add(files);
                        return files;
                    }, files -> files <= atStart + OPEN_FILES_SLACK);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return sampler.openFiles();
        }
    }
}
