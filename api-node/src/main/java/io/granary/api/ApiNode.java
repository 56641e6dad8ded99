package io.granary.api;

import io.granary.api.admin.AdminHandler;
import io.granary.api.admin.KmsAdmin;
import io.granary.api.admin.WebhookAdmin;
import io.granary.api.admin.ClusterStatus;
import io.granary.api.admin.RecoveryDrill;
import io.granary.api.async.AsyncMetadata;
import io.granary.api.async.Pools;
import io.granary.api.auth.RequestAuthenticator;
import io.granary.api.auth.RequestAuthorizer;
import io.granary.api.auth.RocksIdentityStore;
import io.granary.api.cluster.Membership;
import io.granary.api.cluster.NodeSet;
import io.granary.api.crypto.EnvelopeKeys;
import io.granary.api.handler.Dispatcher;
import io.granary.api.handler.Services;
import io.granary.api.heal.BackgroundPass;
import io.granary.api.heal.RewrapPass;
import io.granary.api.heal.BackgroundSettings;
import io.granary.api.lifecycle.LifecycleDays;
import io.granary.api.lifecycle.LifecycleWorker;
import io.granary.api.heal.GarbageCollector;
import io.granary.api.heal.Recovery;
import io.granary.api.http.S3Router;
import io.granary.api.iamapi.QueryEndpoint;
import io.granary.api.limits.ClientGuard;
import io.granary.api.tls.ListenerTls;
import io.granary.api.http.S3Server;
import io.granary.api.metrics.GranaryMetrics;
import io.granary.api.notify.WebhookDelivery;
import io.granary.api.notify.Webhooks;
import io.granary.api.metrics.QueueLengthProbe;
import io.granary.api.metrics.MetricsAddress;
import io.granary.api.metrics.MetricsServer;
import io.granary.api.pipeline.SetsInFlight;
import io.granary.api.pipeline.ShardSetIo;
import io.granary.datanode.ClusterSignature;
import io.granary.datanode.ClusterTls;
import io.granary.datanode.DataDirectory;
import io.granary.datanode.LocalShardStore;
import io.granary.datanode.RemoteShardStore;
import io.granary.datanode.ShardStore;
import io.granary.erasure.ReedSolomon;
import io.granary.erasure.StripeLayout;
import io.granary.iam.IamService;
import io.granary.iam.KeyStore;
import io.granary.metadata.MetadataOptions;
import io.granary.metadata.MetadataStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * One running API node: the metadata store under {@code <data-dir>/meta}, IAM, the data nodes (six
 * local shard stores under {@code <data-dir>/node-i} when embedded, or remote ones), the S3 server
 * on one event loop per core, the garbage collector, webhook delivery, the recovery machinery (health checks,
 * heal, scrub, orphan collection) and the Prometheus endpoint on its own port. {@link #start} blocks the calling thread
 * until it listens, so it must not run on an event loop.
 */
public final class ApiNode implements AutoCloseable {
    /** Under the data directory: when the last scrub pass ended (epoch millis), so restarts keep the schedule. */
    static final String SCRUB_LAST_PASS_FILE = "scrub-last-pass";

    private final MetadataStore metadata;
    private final Pools pools;
    private final IamService iam;
    private final List<S3Server> servers;
    private final AsyncMetadata async;
    private final GarbageCollector garbage;
    private final Recovery recovery;
    private final LifecycleWorker lifecycle;
    private final List<AutoCloseable> remotes;
    private final int port;
    private final MetricsServer metricsServer;
    private final int metricsPort;
    private final ListenerTls tls;
    private final ClientGuard guard;
    private final GranaryMetrics metrics;
    private final SetsInFlight writing;
    private final WebhookDelivery delivery;

    private ApiNode(AsyncMetadata async, Pools pools, IamService iam, List<S3Server> servers,
            GarbageCollector garbage, Recovery recovery, LifecycleWorker lifecycle, List<AutoCloseable> remotes,
            int port,
            MetricsServer metricsServer, int metricsPort, ListenerTls tls, ClientGuard guard,
            GranaryMetrics metrics, SetsInFlight writing, WebhookDelivery delivery) {
        this.metadata = async.blocking();
        this.async = async;
        this.pools = pools;
        this.iam = iam;
        this.servers = servers;
        this.garbage = garbage;
        this.recovery = recovery;
        this.lifecycle = lifecycle;
        this.remotes = remotes;
        this.port = port;
        this.metricsServer = metricsServer;
        this.metricsPort = metricsPort;
        this.tls = tls;
        this.guard = guard;
        this.metrics = metrics;
        this.writing = writing;
        this.delivery = delivery;
    }

    /**
     * What to start: where, which data nodes, and the knobs an operator may turn. {@code metrics} is
     * where the Prometheus endpoint listens, or null for none; {@code sigV2} whether Signature V2 is accepted;
     * {@code listeners} TLS and the client limits.
     */
    public record Config(Path dataDir, String host, int port, List<URI> dataNodes, Path clusterSecretFile,
            String domain, String region, int writeQuorum, Map<String, String> env, BackgroundSettings background,
            MetricsAddress metrics, boolean sigV2, LocalShardStore.Options shardStores,
            ListenerSettings listeners, Path clusterTlsDir) {
        /**
         * The embedded stores get their frames from this process's stripe writer, just CRC'd: they trust
         * them; small shards go to group-committed segments (issue 14).
         */
        public static final LocalShardStore.Options EMBEDDED_STORES =
                LocalShardStore.Options.DEFAULTS.withTrustFrames(true);

        /** The embedded server: six local data nodes; metrics beside the S3 port. */
        public static Config embedded(Path dataDir, String host, int port, Map<String, String> env) {
            return new Config(dataDir, host, port, List.of(), null, null, "us-east-1", 5, env,
                    BackgroundSettings.defaults(), MetricsAddress.besideS3(host, port), true, EMBEDDED_STORES,
                    ListenerSettings.defaults(), null);
        }

        /** Embedded data nodes opened with {@code value} (e.g. every shard a file, for tests that inspect them). */
        public Config withShardStores(LocalShardStore.Options value) {
            return new Config(dataDir, host, port, dataNodes, clusterSecretFile, domain, region, writeQuorum, env,
                    background, metrics, sigV2, value, listeners, clusterTlsDir);
        }

        /** @param value TLS and client limits of the S3 and metrics listeners */
        public Config withListeners(ListenerSettings value) {
            return new Config(dataDir, host, port, dataNodes, clusterSecretFile, domain, region, writeQuorum, env,
                    background, metrics, sigV2, shardStores, value, clusterTlsDir);
        }

        public Config withDomain(String value) {
            return new Config(dataDir, host, port, dataNodes, clusterSecretFile, value, region, writeQuorum, env,
                    background, metrics, sigV2, shardStores, listeners, clusterTlsDir);
        }

        public Config withBackground(BackgroundSettings value) {
            return new Config(dataDir, host, port, dataNodes, clusterSecretFile, domain, region, writeQuorum, env,
                    value, metrics, sigV2, shardStores, listeners, clusterTlsDir);
        }

        /** @param value whether Signature V2 requests are accepted ({@code --sigv2 on|off}) */
        public Config withSigV2(boolean value) {
            return new Config(dataDir, host, port, dataNodes, clusterSecretFile, domain, region, writeQuorum, env,
                    background, metrics, value, shardStores, listeners, clusterTlsDir);
        }

        /** @param value the API node's cluster TLS directory (https data nodes), or null for plaintext */
        public Config withClusterTls(Path value) {
            return new Config(dataDir, host, port, dataNodes, clusterSecretFile, domain, region, writeQuorum, env,
                    background, metrics, sigV2, shardStores, listeners, value);
        }

        /** @param value where the metrics endpoint listens, or null for none */
        public Config withMetrics(MetricsAddress value) {
            return new Config(dataDir, host, port, dataNodes, clusterSecretFile, domain, region, writeQuorum, env,
                    background, value, sigV2, shardStores, listeners, clusterTlsDir);
        }
    }

    public static ApiNode start(Vertx vertx, Config config) throws Exception {
        DataDirectory.secure(config.dataDir());
        MetadataStore metadata = MetadataStore.open(config.dataDir().resolve("meta"), MetadataOptions.defaults());
        try {
            Pools pools = Pools.forMachine(vertx);
            IamService iam = IamService.open(config.dataDir(), config.env(),
                    new RocksIdentityStore(metadata.iam()));
            warnIfMasterKeyReplaced(iam);
            List<AutoCloseable> remotes = new CopyOnWriteArrayList<>();
            Function<URI, ShardStore> connect = config.dataNodes().isEmpty() ? null : connector(vertx, config, remotes);
            NodeSet nodes = new NodeSet(dataNodes(vertx, config, pools, connect));
            Clock clock = Clock.systemUTC();
            AsyncMetadata async = new AsyncMetadata(metadata, pools);
            Membership membership = new Membership(async, nodes, connect);
            membership.restore();
            GranaryMetrics metrics = new GranaryMetrics();
            metrics.watchNodes(nodes);
            ReedSolomon codec = ReedSolomon.create();
            StripeLayout layout = StripeLayout.defaults();
            KeyStore keyStore = iam.keyStore(config.region());
            ShardSetIo shards = new ShardSetIo(pools, codec, layout, nodes, config.writeQuorum(),
                    new EnvelopeKeys(iam.dataKeys(), keyStore));
            metrics.watchWrites(shards.writeMemory());
            metrics.watchReads(shards.readMemory());
            LifecycleDays lifecycleDays = new LifecycleDays(config.background().lifecycleDay());
            WebhookDelivery delivery = new WebhookDelivery(vertx, async, iam, config.region(),
                    config.background().webhooks(), metrics, clock);
            await(delivery.start());
            Services services = new Services(async, shards, new RequestAuthorizer(iam), clock, config.region(),
                    metrics, lifecycleDays, keyStore, new Webhooks(iam, delivery));
            S3Router router = new S3Router(config.domain());
            RequestAuthenticator authenticator = new RequestAuthenticator(iam, clock, config.sigV2(), router,
                    config.region());
            Dispatcher dispatcher = new Dispatcher(authenticator, services);
            BackgroundSettings background = config.background();
            Recovery recovery = Recovery.start(vertx, pools, async, membership, codec, layout, background, metrics,
                    config.dataDir().resolve(SCRUB_LAST_PASS_FILE), shards.writing()::contains);
            // The background passes the admin API starts and reports, by name.
            Map<String, BackgroundPass> passes = Map.of("heal", recovery.heal(), "scrub", recovery.scrubber());
            LifecycleWorker lifecycle = new LifecycleWorker(vertx, async, lifecycleDays, clock);
            lifecycle.watch(metrics);
            lifecycle.start();
            RewrapPass rotation = new RewrapPass(vertx, async, iam, RewrapPass.DEFAULT_PACE);
            rotation.resumeIfUnfinished();
            AdminHandler admin = new AdminHandler(authenticator, recovery, new ClusterStatus(nodes, async, passes,
                    lifecycle), new RecoveryDrill(nodes, async, shards, pools), passes, iam, async, lifecycle,
                    new KmsAdmin(iam, async, config.region(), rotation),
                    new WebhookAdmin(iam, async, delivery, config.region()));
            QueryEndpoint query = new QueryEndpoint(iam, pools, clock);
            ListenerTls tls = ListenerTls.of(config.listeners().tls());
            // Uploads count stripes (data and parity chunks in memory), GETs count bytes.
            long stripeBytes = (long) layout.fullChunkSize() * layout.totalShards();
            ClientGuard guard = new ClientGuard(config.listeners().limits(),
                    () -> shards.writeMemory().held() * stripeBytes + shards.readMemory().held());
            List<S3Server> servers = new ArrayList<>();
            // One server per core on the same port: Vert.x spreads connections over their event loops.
            // Vert.x shares a port only between servers given the same number, so port 0 is resolved first.
            int port = config.port() == 0 ? freePort(config.host()) : config.port();
            for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                S3Server server = new S3Server(vertx, router, dispatcher::dispatch, metrics, AdminHandler.PREFIX,
                        admin::handle, query);
                await(server.listen(config.host(), port, tls, guard));
                servers.add(server);
            }
            GarbageCollector garbage = new GarbageCollector(vertx, async, nodes, background.garbageIntervalMillis(),
                    background.abandonedUploadAge().toMillis());
            garbage.start();
            MetricsServer metricsServer = null;
            int metricsPort = -1;
            if (config.metrics() != null) {
                metricsServer = new MetricsServer(vertx, metrics, new QueueLengthProbe(async, metrics));
                metricsPort = await(metricsServer.listen(config.metrics().host(), config.metrics().port(), tls));
            }
            return new ApiNode(async, pools, iam, servers, garbage, recovery, lifecycle, remotes, port,
                    metricsServer, metricsPort, tls, guard, metrics, shards.writing(), delivery);
        } catch (Exception | Error e) {
            metadata.close();
            throw e;
        }
    }

    private static void warnIfMasterKeyReplaced(IamService iam) {
        if (iam.replacedMasterKey()) {
            LoggerFactory.getLogger(ApiNode.class).warn("The master key was replaced: every secret is re-sealed "
                    + "under the new key and the previous key is no longer needed. `granary admin kms "
                    + "rotate-master` moves the objects' data keys off what the old key derived.");
        }
    }

    /** The operator's data nodes as node-1..n: six local stores when embedded, else the given URLs. */
    private static Map<String, ShardStore> dataNodes(Vertx vertx, Config config, Pools pools,
            Function<URI, ShardStore> connect) throws Exception {
        Map<String, ShardStore> stores = new LinkedHashMap<>();
        if (connect == null) {
            for (int i = 1; i <= StripeLayout.defaults().totalShards(); i++) {
                Path root = config.dataDir().resolve(NodeSet.PREFIX + i);
                stores.put(NodeSet.PREFIX + i,
                        await(LocalShardStore.open(vertx, root, pools.disk(), config.shardStores())));
            }
            return stores;
        }
        for (URI uri : config.dataNodes()) {
            stores.put(NodeSet.PREFIX + (stores.size() + 1), connect.apply(uri));
        }
        return stores;
    }

    /** Opens clients of remote data nodes (also those added at run time), remembering them to close. */
    private static Function<URI, ShardStore> connector(Vertx vertx, Config config, List<AutoCloseable> remotes)
            throws IOException {
        ClusterSignature signature = ClusterSignature.fromFile(config.clusterSecretFile(), Clock.systemUTC());
        ClusterTls tls = config.clusterTlsDir() == null ? null : ClusterTls.fromDir(config.clusterTlsDir());
        for (URI uri : config.dataNodes()) {
            checkScheme(uri, tls);
        }
        return uri -> {
            checkScheme(uri, tls);
            RemoteShardStore remote = new RemoteShardStore(vertx, uri.getHost(), uri.getPort(), signature, tls,
                    RemoteShardStore.DEFAULT_POOL_SIZE);
            remotes.add(remote);
            return remote;
        };
    }

    /** A data node URL says how it is reached: https needs the cluster TLS directory, which forbids http. */
    private static void checkScheme(URI uri, ClusterTls tls) {
        String expected = tls == null ? "http" : "https";
        if (!expected.equals(uri.getScheme())) {
            throw new IllegalArgumentException("data node " + uri + ": " + (tls == null
                    ? "https data nodes need --cluster-tls-dir" : "with --cluster-tls-dir every data node is https"));
        }
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get();
    }

    public int port() {
        return port;
    }

    /** The port of the Prometheus endpoint ({@code /metrics}), or -1 when it is off. */
    public int metricsPort() {
        return metricsPort;
    }

    /** The TLS of the client listeners, for another listener beside them (the console) to share. */
    public ListenerTls listenerTls() {
        return tls;
    }

    /** The scheme of the S3 and metrics listeners: https with TLS, else http. */
    public String scheme() {
        return tls.scheme();
    }

    /**
     * Reads the certificate and key files again and serves new handshakes with them (SIGHUP); connections
     * already open keep theirs. Fails, leaving the old certificate in place, when the files are unusable.
     * The future holds how many listeners changed (0 without TLS).
     */
    public Future<Integer> reloadTls() {
        return tls.reload();
    }

    /** The limits on clients, with the connections and requests they count now. */
    public ClientGuard clientGuard() {
        return guard;
    }

    /** This node's meters (the web console samples them for its charts). */
    public GranaryMetrics metrics() {
        return metrics;
    }

    /** The lifecycle worker (its status, a pass on demand). */
    public LifecycleWorker lifecycle() {
        return lifecycle;
    }

    public IamService iam() {
        return iam;
    }

    /** Node health, the heal worker and the full heal pass. */
    public Recovery recovery() {
        return recovery;
    }

    /** The data nodes and whether each is online (the health checker and tests mark them). */
    public NodeSet nodes() {
        return recovery.nodes();
    }

    /** The shard sets being written whose metadata is not settled yet. */
    public SetsInFlight writesInFlight() {
        return writing;
    }

    /** The metadata store, reached through the metadata pool. */
    public AsyncMetadata metadata() {
        return async;
    }

    /** Stops accepting requests, lets the ones in flight finish, then closes storage. */
    @Override
    public void close() throws Exception {
        garbage.stop();
        recovery.stop();
        lifecycle.stop();
        delivery.close();
        List<Future<Void>> closing = new ArrayList<>();
        for (S3Server server : servers) {
            closing.add(server.close());
        }
        if (metricsServer != null) closing.add(metricsServer.close());
        Future.join(closing).toCompletionStage().toCompletableFuture().get();
        for (AutoCloseable remote : remotes) {
            remote.close();
        }
        pools.close();
        metadata.close();
    }
}
