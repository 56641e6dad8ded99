package io.granary.datanode;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code granary data-node}: serves a {@link LocalShardStore} over {@link DataNodeServer} until the JVM is
 * told to stop. On SIGTERM a shutdown hook stops the server (in-flight requests get a grace period) and
 * closes Vert.x; a write cut off there is discarded, and since a shard only becomes visible by the final
 * link of a fully fsynced temp file, no half-written shard is ever committed (kill -9 included: leftover
 * temp files go at the next start). Prints {@code granary data-node listening on HOST:PORT} once ready.
 */
@Command(name = "data-node", mixinStandardHelpOptions = true,
        description = "Run a data node serving shard storage over signed internal HTTP.")
public final class DataNodeMain implements Callable<Integer> {
    /** Concurrent blocking file operations; a few per disk queue slot. */
    private static final int DISK_THREADS = 16;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "Directory holding the shards.")
    private Path dataDir;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9100",
            description = "Address to listen on (default ${DEFAULT-VALUE}); port 0 picks a free port.")
    private String listen;

    @Option(names = "--cluster-secret-file", required = true, paramLabel = "FILE",
            description = "File holding the cluster secret that signs internal requests.")
    private Path clusterSecretFile;

    @Option(names = "--cluster-tls-dir", paramLabel = "DIR",
            description = "Serve TLS only, with ca.pem, cert.pem and key.pem from DIR (granary admin certs init); "
                    + "API nodes then need a certificate from the same CA. Without it, plaintext with MACs.")
    private Path clusterTlsDir;

    @Option(names = "--segment-threshold", paramLabel = "BYTES", defaultValue = "524288",
            description = "Shards up to this size are appended to group-committed segment files (default "
                    + "${DEFAULT-VALUE}); larger ones are one file each; -1 makes every new shard a file.")
    private long segmentThreshold;

    @Option(names = "--reserved-space", paramLabel = "BYTES", defaultValue = "-1",
            description = "Free space kept back from new shards: below it the node reports itself full and takes "
                    + "no new shard, while deletes and compaction still run (default: 1% of the disk, at most 1 GiB).")
    private long reservedSpace;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DataNodeMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) throw new CommandLine.ParameterException(spec.commandLine(), "--listen needs HOST:PORT");
        String host = listen.substring(0, colon);
        int port = Integer.parseInt(listen.substring(colon + 1));
        ClusterSignature signature;
        ClusterTls tls;
        try {
            signature = ClusterSignature.fromFile(clusterSecretFile, Clock.systemUTC());
            tls = clusterTlsDir == null ? null : ClusterTls.fromDir(clusterTlsDir);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("granary data-node: " + e.getMessage());
            return 2;
        }
        try {
            DataDirectory.secure(dataDir);
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("granary data-node: " + e.getMessage());
            return 2;
        }
        NodeIdentity self = NodeIdentity.load(dataDir);
        Vertx vertx = Vertx.vertx();
        WorkerExecutor disk = vertx.createSharedWorkerExecutor("granary-disk", DISK_THREADS);
        CountDownLatch stopped = new CountDownLatch(1);
        DataNodeServer server = LocalShardStore.open(vertx, dataDir, disk,
                        LocalShardStore.Options.DEFAULTS.withSegmentThreshold(segmentThreshold)
                                .withReserveBytes(reservedSpace))
                .map(store -> new DataNodeServer(vertx, store, signature, self, tls))
                .toCompletionStage().toCompletableFuture().get();
        int bound = server.start(host, port).toCompletionStage().toCompletableFuture().get();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                // Two blocking steps: a future chained past vertx.close() would never be delivered.
                server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("granary data-node: unclean shutdown: " + e);
            } finally {
                stopped.countDown();
            }
        }, "granary-data-node-shutdown"));
        spec.commandLine().getOut().println("granary data-node listening on " + host + ":" + bound
                + (tls == null ? "" : " (TLS)") + " as node " + self.nodeId());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
