package io.granary.api.it.cluster;

import io.granary.api.Launcher;
import io.granary.api.it.GranaryServerExtension;
import io.granary.api.it.S3Clients;
import io.granary.api.it.S3Clients.ChecksumSetting;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.HashSet;
import java.util.Random;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The multi-process topology of a real cluster, as the failure tests run it: six {@code granary data-node}
 * JVMs and one {@code granary api-node} JVM in front of them, all on loopback, sharing a cluster secret
 * file (mode 0600). Every node keeps a fixed port and directory for the cluster's life, so a killed node
 * comes back as the same node. Data nodes are numbered 1..6 as the API node names them ({@code node-1} is
 * the first {@code --data-nodes} URL). Logs go to {@code logs/} under the root; {@link #close()} kills
 * exactly the processes this cluster started.
 */
public final class ProcessCluster implements AutoCloseable {
    public static final int DATA_NODES = 6;
    /** Shard files no record references are collected once older than this. */
    public static final int ORPHAN_GRACE_SECONDS = 3;
    private static final String DATA_NODE_READY = "granary data-node listening on ";
    private static final String API_NODE_READY = "granary listening on ";

    private final Path root;
    private final boolean tls;
    private final List<LauncherProcess> dataNodes;
    private final List<Path> dataNodeDirs;
    private final LauncherProcess apiNode;
    private final int apiPort;
    private final List<S3Client> clients = new CopyOnWriteArrayList<>();
    private final List<Integer> ports = new CopyOnWriteArrayList<>();

    private ProcessCluster(Path root, boolean tls, List<LauncherProcess> dataNodes, List<Path> dataNodeDirs,
            LauncherProcess apiNode, int apiPort) {
        this.root = root;
        this.tls = tls;
        this.dataNodes = dataNodes;
        this.dataNodeDirs = dataNodeDirs;
        this.apiNode = apiNode;
        this.apiPort = apiPort;
    }

    /** Creates the directories and secret under {@code root} and starts all seven nodes. */
    public static ProcessCluster start(Path root, List<String> apiNodeOptions) throws IOException,
            InterruptedException {
        return start(root, apiNodeOptions, false);
    }

    /**
     * As {@link #start(Path, List)}; with {@code tls}, {@code granary admin certs init} first makes a cluster CA
     * and a certificate per node (naming 127.0.0.1) under {@code root/tls}, and all internal traffic is TLS.
     */
    public static ProcessCluster start(Path root, List<String> apiNodeOptions, boolean tls) throws IOException,
            InterruptedException {
        Path logs = Files.createDirectories(root.resolve("logs"));
        Path secret = writeSecret(root.resolve("cluster-secret"));
        if (tls) {
            List<String> certs = new ArrayList<>(List.of("admin", "certs", "init", tlsRoot(root).toString(),
                    "--node", "api-node=127.0.0.1"));
            for (int node = 1; node <= DATA_NODES; node++) {
                certs.addAll(List.of("--node", "data-node-" + node + "=127.0.0.1"));
            }
            if (Launcher.execute(certs.toArray(String[]::new)) != 0) throw new IllegalStateException("certs init");
        }
        List<LauncherProcess> dataNodes = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        for (int node = 1; node <= DATA_NODES; node++) {
            Path dir = Files.createDirectories(root.resolve("data-node-" + node));
            int port = freePort();
            ports.add(port);
            dirs.add(dir);
            urls.add((tls ? "https" : "http") + "://127.0.0.1:" + port);
            dataNodes.add(dataNodeProcess(root, node, port, tls));
        }
        int apiPort = freePort();
        List<String> apiArgs = new ArrayList<>(List.of("api-node", "--data-dir",
                Files.createDirectories(root.resolve("api-node")).toString(), "--listen", "127.0.0.1:" + apiPort,
                "--data-nodes", String.join(",", urls), "--cluster-secret-file", secret.toString(),
                "--write-quorum", "5", "--metrics-listen", "127.0.0.1:0",
                // Tests sweep orphans only on demand (ApiNodeKillIT), after their writes have ended.
                "--orphan-grace", ORPHAN_GRACE_SECONDS + "s"));
        if (tls) apiArgs.addAll(List.of("--cluster-tls-dir", tlsRoot(root).resolve("api-node").toString()));
        apiArgs.addAll(apiNodeOptions);
        LauncherProcess api = new LauncherProcess("api-node", List.of("-Xmx1g"), apiArgs,
                Map.of("GRANARY_ACCESS_KEY", GranaryServerExtension.ACCESS_KEY,
                        "GRANARY_SECRET_KEY", GranaryServerExtension.SECRET_KEY),
                logs.resolve("api-node.log"), API_NODE_READY);
        ProcessCluster cluster = new ProcessCluster(root, tls, new CopyOnWriteArrayList<>(dataNodes),
                new CopyOnWriteArrayList<>(dirs), api, apiPort);
        cluster.ports.addAll(ports);
        try {
            cluster.restart(allDataNodes());
            api.start();
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** 1, 2, ..., 6. */
    public static int[] allDataNodes() {
        int[] all = new int[DATA_NODES];
        for (int i = 0; i < DATA_NODES; i++) {
            all[i] = i + 1;
        }
        return all;
    }

    /** kill -9 the given data nodes (1..6) and waits until each is gone. */
    public void kill(int... nodes) throws InterruptedException {
        for (int node : nodes) {
            dataNode(node).kill();
        }
    }

    /** Starts the given data nodes again on their own port and directory, together, and waits until each serves. */
    public void restart(int... nodes) throws IOException, InterruptedException {
        for (int node : nodes) {
            dataNode(node).launch();
        }
        for (int node : nodes) {
            dataNode(node).awaitReady();
        }
    }

    /** Restarts every data node that is not running (a test's cleanup after killing some). */
    public void restartStopped() throws IOException, InterruptedException {
        int[] stopped = IntStream.rangeClosed(1, DATA_NODES).filter(node -> !isRunning(node)).toArray();
        restart(stopped);
    }

    public boolean isRunning(int node) {
        return dataNode(node).isRunning();
    }

    public void killApiNode() throws InterruptedException {
        apiNode.kill();
    }

    public void restartApiNode() throws IOException, InterruptedException {
        apiNode.start();
    }

    public boolean isApiNodeRunning() {
        return apiNode.isRunning();
    }

    public long apiNodePid() {
        return apiNode.pid();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + apiPort);
    }

    /**
     * A new SDK v2 client with the SDK's default checksums, a pool big enough for {@code connections}
     * concurrent requests, and no retries, so a test sees the cluster's first answer. The caller may close
     * it; {@link #close()} closes it otherwise. Take a new one after the API node restarted, so no pooled
     * connection to the killed JVM is reused.
     */
    public S3Client client(int connections) {
        return client(connections, ChecksumSetting.SDK_DEFAULT);
    }

    /** As {@link #client(int)}, with the given checksum behaviour. */
    public S3Client client(int connections, ChecksumSetting checksums) {
        S3Client client = S3Clients.syncBuilder(endpoint(), checksums)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(connections))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        clients.add(client);
        return client;
    }

    /** The directory data node {@code node} (1..6) stores its shards in. */
    public Path dataNodeDir(int node) {
        return dataNodeDirs.get(node - 1);
    }

    public List<Path> dataNodeDirs() {
        return dataNodeDirs;
    }

    /** Every regular file in the data nodes' directories (committed shards and writes in progress). */
    public Set<Path> dataNodeFiles() throws IOException {
        Set<Path> files = new TreeSet<>();
        for (Path dir : dataNodeDirs) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        return files;
    }

    /**
     * The data node (1..6) holding shard {@code index} among {@code created}, the files one upload of a
     * single shard set created (see {@link #dataNodeFiles()}); committed shard files end in {@code -NN}.
     */
    public int nodeHoldingShard(Set<Path> created, int index) {
        String suffix = String.format("-%02d", index);
        for (int node = 1; node <= DATA_NODES; node++) {
            for (Path file : created) {
                if (file.startsWith(dataNodeDir(node)) && file.getFileName().toString().endsWith(suffix)) return node;
            }
        }
        throw new IllegalArgumentException("no shard " + index + " among " + created);
    }

    /** The cluster's secret file. */
    public Path secretFile() {
        return root.resolve("cluster-secret");
    }

    /** Where {@code certs init} put the CA ({@code ca.pem}, {@code ca-key.pem}) and one directory per node. */
    public Path tlsDir() {
        return tlsRoot(root);
    }

    /** The port data node {@code node} (1..6) listens on. */
    public int dataNodePort(int node) {
        return ports.get(node - 1);
    }

    /** The API node's data directory ({@code meta/} holds its RocksDB). */
    public Path apiNodeDir() {
        return root.resolve("api-node");
    }

    /**
     * Shard files on the data nodes that no object or open upload references (see {@link OrphanShards}).
     * Reads the API node's metadata directly, so call it with the API node killed.
     */
    public Set<Path> orphanShardFiles() throws IOException {
        if (apiNode.isRunning()) throw new IllegalStateException("stop the API node before reading its metadata");
        return OrphanShards.find(apiNodeDir(), dataNodeDirs);
    }

    /** The API node's log file. */
    public Path apiNodeLog() {
        return root.resolve("logs").resolve("api-node.log");
    }

    /** The last lines of every node's log, for a failure report. */
    public String logTails(int lines) throws IOException {
        StringBuilder out = new StringBuilder();
        List<LauncherProcess> all = new ArrayList<>(dataNodes);
        all.add(apiNode);
        for (LauncherProcess process : all) {
            out.append("---- ").append(process.name()).append(process.isRunning() ? " (running)" : " (stopped)")
                    .append('\n').append(process.logTail(lines)).append('\n');
        }
        return out.toString();
    }

    /**
     * Closes the clients it handed out, kills the API node, then every data node; each kill is attempted
     * even if an earlier one failed.
     */
    @Override
    public void close() throws InterruptedException {
        clients.forEach(S3Client::close);
        IllegalStateException failure = null;
        List<LauncherProcess> all = new ArrayList<>();
        all.add(apiNode);
        all.addAll(dataNodes);
        for (LauncherProcess process : all) {
            try {
                process.kill();
            } catch (IllegalStateException e) {
                if (failure == null) failure = e;
            }
        }
        if (failure != null) throw failure;
    }

    private LauncherProcess dataNode(int node) {
        if (node < 1 || node > dataNodes.size()) throw new IllegalArgumentException("data node " + node + " of 1.."
                + dataNodes.size());
        return dataNodes.get(node - 1);
    }

    private static Path tlsRoot(Path root) {
        return root.resolve("tls");
    }

    /**
     * Starts one more data node (number 7, 8, ...) with the cluster's secret that the API node does not
     * know yet, e.g. to replace a dead one; {@link #kill} and {@link #close} cover it like the others.
     *
     * @return its URL
     */
    public URI startSpareDataNode() throws IOException, InterruptedException {
        int node = dataNodes.size() + 1;
        int port = freePort();
        dataNodeDirs.add(Files.createDirectories(root.resolve("data-node-" + node)));
        if (tls && Launcher.execute("admin", "certs", "init", tlsDir().toString(), "--node",
                "data-node-" + node + "=127.0.0.1") != 0) {
            throw new IllegalStateException("certs init for data node " + node);
        }
        LauncherProcess process = dataNodeProcess(root, node, port, tls);
        dataNodes.add(process);
        ports.add(port);
        process.start();
        return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port);
    }

    private static LauncherProcess dataNodeProcess(Path root, int node, int port, boolean tls) {
        Path dir = root.resolve("data-node-" + node);
        List<String> args = new ArrayList<>(List.of("data-node", "--data-dir", dir.toString(), "--listen",
                "127.0.0.1:" + port, "--cluster-secret-file", root.resolve("cluster-secret").toString()));
        if (tls) args.addAll(List.of("--cluster-tls-dir", tlsRoot(root).resolve("data-node-" + node).toString()));
        return new LauncherProcess("data-node-" + node, List.of("-Xmx256m", "-XX:+UseSerialGC"), args,
                Map.of(), root.resolve("logs").resolve("data-node-" + node + ".log"), DATA_NODE_READY);
    }

    private static Path writeSecret(Path file) throws IOException {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(file, HexFormat.of().formatHex(secret));
    }

    /**
     * A port free right now, below the kernel's ephemeral range (32768 and up here): an outgoing connection
     * takes its local port from that range, so it can never take a node's port between this choice and the
     * node's bind, nor while the node restarts (which keeps its port, SO_REUSEADDR). Ports ephemeral ones
     * took did make nodes exit with "Address already in use". No port is handed out twice per JVM.
     */
    private static synchronized int freePort() throws IOException {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = PORTS_FROM + PORT_RANDOM.nextInt(PORTS_TO - PORTS_FROM);
            if (!HANDED_OUT.add(port)) continue;
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
                return port;
            } catch (IOException taken) {
                // In use by something else: try another.
            }
        }
        throw new IOException("no free port in " + PORTS_FROM + ".." + PORTS_TO);
    }

    private static final int PORTS_FROM = 20_000;
    private static final int PORTS_TO = 32_000;
    private static final Random PORT_RANDOM = new Random();
    private static final Set<Integer> HANDED_OUT = new HashSet<>();
}
