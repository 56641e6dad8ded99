package io.granary.api;

import io.granary.api.async.AsyncMetadata;
import io.granary.api.async.Pools;
import io.granary.api.auth.RequestAuthenticator;
import io.granary.api.auth.RequestAuthorizer;
import io.granary.api.auth.RocksIdentityStore;
import io.granary.api.cluster.NodeSet;
import io.granary.api.handler.Dispatcher;
import io.granary.api.handler.Services;
import io.granary.api.heal.BackgroundSettings;
import io.granary.api.heal.ByteRateLimiter;
import io.granary.api.heal.GarbageCollector;
import io.granary.api.heal.OrphanCollector;
import io.granary.api.heal.Scrubber;
import io.granary.api.http.S3Router;
import io.granary.api.http.S3Server;
import io.granary.api.pipeline.ShardSetIo;
import io.granary.datanode.ClusterSignature;
import io.granary.datanode.LocalShardStore;
import io.granary.datanode.RemoteShardStore;
import io.granary.datanode.ShardStore;
import io.granary.erasure.ReedSolomon;
import io.granary.erasure.StripeLayout;
import io.granary.iam.IamService;
import io.granary.metadata.MetadataOptions;
import io.granary.metadata.MetadataStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One running API node: the metadata store under {@code <data-dir>/meta}, IAM, the data nodes (six
 * local shard stores under {@code <data-dir>/node-i} when embedded, or remote ones), the S3 server
 * on one event loop per core, and the background workers: garbage collector, orphan-shard collector and
 * scrubber. {@link #start} blocks the calling thread
 * until it listens, so it must not run on an event loop.
 */
public final class ApiNode implements AutoCloseable {
    /** Node ids are positional: node-1 .. node-n, in the order the data nodes were given. */
    static final String NODE_PREFIX = "node-";
    /** Under the data directory: when the last scrub pass ended (epoch millis), so restarts keep the schedule. */
    static final String SCRUB_LAST_PASS_FILE = "scrub-last-pass";

    private final MetadataStore metadata;
    private final Pools pools;
    private final IamService iam;
    private final List<S3Server> servers;
    private final AsyncMetadata async;
    private final GarbageCollector garbage;
    private final Scrubber scrubber;
    private final OrphanCollector orphans;
    private final List<AutoCloseable> remotes;
    private final int port;

    private ApiNode(AsyncMetadata async, Pools pools, IamService iam, List<S3Server> servers,
            GarbageCollector garbage, Scrubber scrubber, OrphanCollector orphans, List<AutoCloseable> remotes,
            int port) {
        this.metadata = async.blocking();
        this.async = async;
        this.pools = pools;
        this.iam = iam;
        this.servers = servers;
        this.garbage = garbage;
        this.scrubber = scrubber;
        this.orphans = orphans;
        this.remotes = remotes;
        this.port = port;
    }

    /** What to start: where, which data nodes, and the knobs an operator may turn. */
    public record Config(Path dataDir, String host, int port, List<URI> dataNodes, Path clusterSecretFile,
            String domain, String region, int writeQuorum, Map<String, String> env, BackgroundSettings background) {

        /** The embedded server: six local data nodes. */
        public static Config embedded(Path dataDir, String host, int port, Map<String, String> env) {
            return new Config(dataDir, host, port, List.of(), null, null, "us-east-1", 5, env,
                    BackgroundSettings.defaults());
        }

        public Config withDomain(String value) {
            return new Config(dataDir, host, port, dataNodes, clusterSecretFile, value, region, writeQuorum, env,
                    background);
        }

        public Config withBackground(BackgroundSettings value) {
            return new Config(dataDir, host, port, dataNodes, clusterSecretFile, domain, region, writeQuorum, env,
                    value);
        }
    }

    public static ApiNode start(Vertx vertx, Config config) throws Exception {
        Files.createDirectories(config.dataDir());
        MetadataStore metadata = MetadataStore.open(config.dataDir().resolve("meta"), MetadataOptions.defaults());
        try {
            Pools pools = Pools.forMachine(vertx);
            IamService iam = IamService.open(config.dataDir(), config.env(),
                    new RocksIdentityStore(metadata.iam()));
            List<AutoCloseable> remotes = new ArrayList<>();
            NodeSet nodes = new NodeSet(dataNodes(vertx, config, pools, remotes));
            Clock clock = Clock.systemUTC();
            AsyncMetadata async = new AsyncMetadata(metadata, pools);
            ShardSetIo shards = new ShardSetIo(pools, ReedSolomon.create(), StripeLayout.defaults(), nodes,
                    config.writeQuorum());
            Services services = new Services(async, shards, new RequestAuthorizer(iam), clock, config.region());
            Dispatcher dispatcher = new Dispatcher(new RequestAuthenticator(iam, clock), services);
            S3Router router = new S3Router(config.domain());
            List<S3Server> servers = new ArrayList<>();
            // One server per core on the same port: Vert.x spreads connections over their event loops.
            // Vert.x shares a port only between servers given the same number, so port 0 is resolved first.
            int port = config.port() == 0 ? freePort(config.host()) : config.port();
            for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                S3Server server = new S3Server(vertx, router, dispatcher::dispatch);
                await(server.listen(config.host(), port));
                servers.add(server);
            }
            GarbageCollector garbage = new GarbageCollector(vertx, async, nodes,
                    config.background().garbageIntervalMillis(), config.background().abandonedUploadAge().toMillis());
            garbage.start();
            BackgroundSettings background = config.background();
            Scrubber scrubber = new Scrubber(vertx, async, nodes,
                    new ByteRateLimiter(vertx, background.scrubBytesPerSecond()), background.scrubInterval(),
                    config.dataDir().resolve(SCRUB_LAST_PASS_FILE));
            scrubber.startSchedule();
            OrphanCollector orphans = new OrphanCollector(vertx, async, nodes, background.orphanGrace(),
                    background.orphanSweepInterval());
            orphans.start();
            return new ApiNode(async, pools, iam, servers, garbage, scrubber, orphans, remotes, port);
        } catch (Exception | Error e) {
            metadata.close();
            throw e;
        }
    }

    private static Map<String, ShardStore> dataNodes(Vertx vertx, Config config, Pools pools,
            List<AutoCloseable> remotes) throws Exception {
        Map<String, ShardStore> stores = new LinkedHashMap<>();
        if (config.dataNodes().isEmpty()) {
            for (int i = 1; i <= StripeLayout.defaults().totalShards(); i++) {
                Path root = config.dataDir().resolve(NODE_PREFIX + i);
                stores.put(NODE_PREFIX + i, await(LocalShardStore.open(vertx, root, pools.disk())));
            }
            return stores;
        }
        ClusterSignature signature = ClusterSignature.fromFile(config.clusterSecretFile(), Clock.systemUTC());
        int i = 1;
        for (URI uri : config.dataNodes()) {
            RemoteShardStore remote = new RemoteShardStore(vertx, uri.getHost(), uri.getPort(), signature);
            remotes.add(remote);
            stores.put(NODE_PREFIX + i++, remote);
        }
        return stores;
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

    public IamService iam() {
        return iam;
    }

    /** The metadata store, reached through the metadata pool. */
    public AsyncMetadata metadata() {
        return async;
    }

    /** Scrub passes: on demand ({@code start}) and automatic, with their progress. */
    public Scrubber scrubber() {
        return scrubber;
    }

    /** The orphan-shard collector; {@code sweep()} runs one sweep now. */
    public OrphanCollector orphans() {
        return orphans;
    }

    /** Stops accepting requests, lets the ones in flight finish, then closes storage. */
    @Override
    public void close() throws Exception {
        garbage.stop();
        scrubber.stop();
        orphans.stop();
        List<Future<Void>> closing = new ArrayList<>();
        for (S3Server server : servers) {
            closing.add(server.close());
        }
        Future.join(closing).toCompletionStage().toCompletableFuture().get();
        for (AutoCloseable remote : remotes) {
            remote.close();
        }
        pools.close();
        metadata.close();
    }
}
