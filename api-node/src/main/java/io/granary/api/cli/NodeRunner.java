package io.granary.api.cli;

import io.granary.api.ApiNode;
import io.granary.api.console.ConsoleAddress;
import io.granary.api.console.ConsoleServer;
import io.granary.iam.RootCredentials;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.dns.AddressResolverOptions;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an API node in the foreground: starts it, tells the operator where it listens and how to use
 * it, and shuts down gracefully on SIGTERM or Ctrl-C (requests in flight finish, storage closes).
 */
final class NodeRunner {
    /**
     * Longest a resolved data-node name is trusted. A restarted container comes back at a new address while
     * container DNS answers with long TTLs (podman's aardvark-dns: a day), so honouring them would keep the
     * API node probing the dead address (issue 22).
     */
    private static final int DNS_CACHE_MAX_TTL_SECONDS = 5;

    private NodeRunner() {
    }

    /** @param console where the web console listens, or null for none */
    static int run(ApiNode.Config config, ConsoleAddress console, PrintWriter out) throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setAddressResolverOptions(
                new AddressResolverOptions().setCacheMaxTimeToLive(DNS_CACHE_MAX_TTL_SECONDS)));
        ApiNode node;
        ConsoleServer consoleServer;
        try {
            node = ApiNode.start(vertx, config);
            consoleServer = startConsole(vertx, config, console, node);
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
        // Before the first line a supervisor waits for: a SIGHUP right after it must reload, not stop the JVM.
        if (config.listeners().tls() != null) TlsReloadSignal.install(node, out);
        String endpoint = node.scheme() + "://" + config.host() + ":" + node.port();
        out.println("granary listening on " + endpoint);
        if (node.metricsPort() >= 0) {
            out.println("metrics at " + node.scheme() + "://" + config.metrics().host() + ":" + node.metricsPort()
                    + "/metrics");
        }
        if (consoleServer != null) {
            out.println("console at " + node.scheme() + "://" + console.host() + ":" + consoleServer.port() + "/");
        }
        RootCredentials root = node.iam().rootCredentials();
        if (root.generated()) {
            out.println("Generated root credentials (stored in " + config.dataDir().resolve("root-credentials")
                    + ", shown once):");
            out.println("  export GRANARY_ACCESS_KEY=" + root.accessKeyId());
            out.println("  export GRANARY_SECRET_KEY=" + root.secretKey());
        }
        out.println("Use it with the aws CLI:");
        out.println("  export AWS_ACCESS_KEY_ID=\"$GRANARY_ACCESS_KEY\" AWS_SECRET_ACCESS_KEY=\"$GRANARY_SECRET_KEY\"");
        out.println("  aws --endpoint-url " + endpoint + (config.listeners().tls() != null ? " --ca-bundle CA.pem" : "")
                + " s3 mb s3://my-bucket");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (consoleServer != null) consoleServer.close().toCompletionStage().toCompletableFuture().get();
                node.close();
                vertx.close().toCompletionStage().toCompletableFuture().get();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "granary-shutdown"));
        stopped.await();
        return 0;
    }

    private static ConsoleServer startConsole(Vertx vertx, ApiNode.Config config, ConsoleAddress console,
            ApiNode node) throws Exception {
        if (console == null) return null;
        try {
            return ConsoleServer.start(vertx, console, ConsoleServer.Settings.of(config.host(), node.port(),
                    config.region()), node.metrics(), node.listenerTls());
        } catch (Exception e) {
            node.close();
            throw e;
        }
    }
}
