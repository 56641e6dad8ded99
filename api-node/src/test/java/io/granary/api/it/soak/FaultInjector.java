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
 * killed with SIGKILL and restarted {@code downFor} later; once, half-way between two kills after
 * {@code emptyAfter}, another node is killed, its directory emptied, restarted, and a full heal started. After
 * each restart the injector waits until the API node sees the node online again, so faults are at least half a
 * kill interval apart as the API node sees them (a write placed while one node still looked down and hit by the
 * next kill would lose its quorum: two nodes down at once, which the write quorum of 5 does not cover). The
 * emptying waits until the heal queue (shards missing from writes during earlier kills) has drained, and the
 * emptied node is left out of the rotation until its heal ends, so no object ever misses more than two shards.
 */
final class FaultInjector implements AutoCloseable {
    private static final int EMPTIED = ProcessCluster.DATA_NODES;
    private static final Duration POLL = Duration.ofMillis(250);

    private final ProcessCluster cluster;
    private final SoakSettings settings;
    private final ScheduledExecutorService faults = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "soak-faults"));
    private final CompletableFuture<EmptiedHeal> healTime = new CompletableFuture<>();
    private final List<String> failures = new ArrayList<>();
    private volatile boolean healing;
    private boolean emptied;
    private long lastFaultEnd;
    /** The node killed and not yet restarted, or 0. Only the fault thread touches it. */
    private int down;
    private boolean killPending;
    private int kills;
    private int nextVictim = 1;

    FaultInjector(ProcessCluster cluster, SoakSettings settings) {
        this.cluster = cluster;
        this.settings = settings;
    }

    private final long began = System.nanoTime();

    /** One line per fault on stderr, with the time into the run: what a soak's reader needs to match its log. */
    private void log(String what) {
        System.err.printf(java.util.Locale.ROOT, "soak: t+%.1f s %s%n", (System.nanoTime() - began) / 1e9, what);
    }

    void start() {
        long half = settings.killEvery().toMillis() / 2;
        long start = System.nanoTime();
        // At a fixed rate, so kills are killEvery apart start to start; a step that overruns delays the next.
        faults.scheduleAtFixedRate(new Runnable() {
            private int step;

            @Override
            public void run() {
                if (++step % 2 == 0) {
                    if (!killPending) {
                        killPending = true;
                        killWhenQuiet(half);
                    }
                } else if (!emptied && System.nanoTime() - start >= settings.emptyAfter().toNanos()) {
                    emptied = true;
                    emptyAndHeal();
                }
            }
        }, half, half, TimeUnit.MILLISECONDS);
    }

    /** The emptied node's full heal: how long it took, shards rebuilt, and shards it could not rebuild then. */
    record EmptiedHeal(Duration took, long rebuilt, long failed) {
    }

    /** The emptied node's heal once it ended; fails if it did not end DONE. */
    CompletableFuture<EmptiedHeal> healTime() {
        return healTime;
    }

    synchronized int kills() {
        return kills;
    }

    /** Faults that could not be injected (a node that did not come back, say). */
    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    /**
     * Kills the next node once no node is down and the last fault ended {@code gapMillis} ago (a step that overran,
     * the emptying, is caught up at once otherwise); until then it tries again later, never waiting on the thread.
     */
    private void killWhenQuiet(long gapMillis) {
        long sinceLast = lastFaultEnd == 0 ? Long.MAX_VALUE
                : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastFaultEnd);
        long wait = down != 0 ? settings.downFor().toMillis() : gapMillis - sinceLast;
        if (wait > 0) {
            faults.schedule(() -> killWhenQuiet(gapMillis), wait, TimeUnit.MILLISECONDS);
            return;
        }
        killPending = false;
        killOne();
    }

    /** Kills the next node in turn; its restart is scheduled {@code downFor} later on the same thread. */
    private void killOne() {
        int victim = nextVictim;
        if (healing && victim == EMPTIED) victim = 1;
        nextVictim = victim % ProcessCluster.DATA_NODES + 1;
        int killed = victim;
        try {
            log("kill node-" + victim);
            cluster.kill(victim);
            down = victim;
            synchronized (this) {
                kills++;
            }
            faults.schedule(() -> restart(killed), settings.downFor().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // Stopped at the end of the run: close() restarts the node.
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failed("node-" + victim + " kill: " + e);
        }
    }

    private void restart(int node) {
        try {
            cluster.restart(node);
            log("node-" + node + " restarted");
            awaitOnline(node);
            log("node-" + node + " online");
            down = 0;
            lastFaultEnd = System.nanoTime();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failed("node-" + node + " restart: " + e);
        }
    }

    private void emptyAndHeal() {
        if (down != 0) {
            // Never two nodes down at once: try again once the killed one is back.
            faults.schedule(this::emptyAndHeal, settings.downFor().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        try {
            log("waiting for the heal queue to drain");
            waitFor(() -> status().path("healQueue").asLong() == 0, Duration.ofMinutes(2), "the heal queue to drain");
            log("heal queue empty; emptying node-" + EMPTIED);
            healing = true;
            cluster.kill(EMPTIED);
            GranaryServerExtension.emptyDirectory(cluster.dataNodeDir(EMPTIED));
            cluster.restart(EMPTIED);
            awaitOnline(EMPTIED);
            long start = System.nanoTime();
            AdminCli.Result heal = AdminCli.run(cluster.endpoint(), "heal");
            if (heal.exit() != 0) throw new IllegalStateException("admin heal: " + heal.err());
            lastFaultEnd = System.nanoTime();
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
            healTime.complete(new EmptiedHeal(Duration.ofNanos(System.nanoTime() - start),
                    done.path("shardsRepaired").asLong(), done.path("shardsFailed").asLong()));
        } catch (Exception e) {
            healTime.completeExceptionally(e);
        }
    }

    private void awaitOnline(int node) {
        String id = "node-" + node;
        waitFor(() -> {
            for (JsonNode n : status().path("nodes")) {
                if (n.path("id").asText().equals(id)) return n.path("state").asText().equals("ONLINE");
            }
            return false;
        }, Duration.ofMinutes(1), id + " online in the API node's view");
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
