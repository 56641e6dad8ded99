package io.granary.api.it.soak;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.granary.api.it.AdminCli;
import io.granary.api.it.GranaryServerExtension;
import io.granary.api.it.cluster.ProcessCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The soak's faults, on one thread so they never overlap: every {@code killEvery} one data node (in turn) is
 * killed with SIGKILL and restarted {@code downFor} later; once, {@code emptyAfter} into the run, another node is
 * killed, its directory emptied, restarted, and a full heal started. The emptying waits until no node is down
 * and the heal queue (shards missing from writes during earlier kills) has drained, and the emptied node is left
 * out of the rotation until its heal ends, so no object ever misses more than two shards.
 */
final class FaultInjector implements AutoCloseable {
    private static final int EMPTIED = ProcessCluster.DATA_NODES;
    private static final Duration POLL = Duration.ofMillis(250);

    private final ProcessCluster cluster;
    private final SoakSettings settings;
    private final ScheduledExecutorService faults = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "soak-faults"));
    private final CompletableFuture<Duration> healTime = new CompletableFuture<>();
    private final List<String> failures = new ArrayList<>();
    private volatile boolean healing;
    private int kills;
    private int nextVictim = 1;

    FaultInjector(ProcessCluster cluster, SoakSettings settings) {
        this.cluster = cluster;
        this.settings = settings;
    }

    void start() {
        long every = settings.killEvery().toMillis();
        faults.scheduleWithFixedDelay(this::killOne, every, every, TimeUnit.MILLISECONDS);
        faults.schedule(this::emptyAndHeal, settings.emptyAfter().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How long the emptied node's heal took; fails if it did not end DONE. */
    CompletableFuture<Duration> healTime() {
        return healTime;
    }

    synchronized int kills() {
        return kills;
    }

    /** Faults that could not be injected (a node that did not come back, say). */
    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    private void killOne() {
        int victim = nextVictim;
        if (healing && victim == EMPTIED) victim = 1;
        nextVictim = victim % ProcessCluster.DATA_NODES + 1;
        try {
            cluster.kill(victim);
            synchronized (this) {
                kills++;
            }
            Thread.sleep(settings.downFor().toMillis());
            cluster.restart(victim);
        } catch (Exception e) {
            failed("node-" + victim + " kill/restart: " + e);
        }
    }

    private void emptyAndHeal() {
        try {
            waitFor(() -> status().path("healQueue").asLong() == 0, Duration.ofMinutes(2), "the heal queue to drain");
            healing = true;
            cluster.kill(EMPTIED);
            GranaryServerExtension.emptyDirectory(cluster.dataNodeDir(EMPTIED));
            cluster.restart(EMPTIED);
            long start = System.nanoTime();
            AdminCli.Result heal = AdminCli.run(cluster.endpoint(), "heal");
            if (heal.exit() != 0) throw new IllegalStateException("admin heal: " + heal.err());
            CompletableFuture.runAsync(() -> watchHeal(start));
        } catch (Exception e) {
            failed("emptying node-" + EMPTIED + ": " + e);
            healTime.completeExceptionally(e);
        }
    }

    private void watchHeal(long start) {
        try {
            waitFor(() -> !heal().path("state").asText().equals("RUNNING"), Duration.ofMinutes(30), "the heal");
            JsonNode done = heal();
            healing = false;
            if (!done.path("state").asText().equals("DONE")) throw new IllegalStateException("heal ended " + done);
            healTime.complete(Duration.ofNanos(System.nanoTime() - start));
        } catch (Exception e) {
            healTime.completeExceptionally(e);
        }
    }

    private JsonNode heal() {
        return AdminCli.json(cluster.endpoint(), "heal", "status");
    }

    private JsonNode status() {
        return AdminCli.json(cluster.endpoint(), "status", "--json");
    }

    private static void waitFor(BooleanSupplier condition, Duration limit, String what) {
        await(what).atMost(limit).pollInterval(POLL).until(condition::getAsBoolean);
    }

    private synchronized void failed(String what) {
        failures.add(what);
    }

    /** Stops injecting and brings every node back. */
    @Override
    public void close() throws Exception {
        faults.shutdownNow();
        if (!faults.awaitTermination(1, TimeUnit.MINUTES)) throw new IllegalStateException("faults did not stop");
        cluster.restartStopped();
    }
}
