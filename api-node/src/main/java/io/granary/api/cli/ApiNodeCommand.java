package io.granary.api.cli;

import io.granary.api.ApiNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code granary api-node}: the S3 API node in front of remote data nodes. */
@Command(name = "api-node", mixinStandardHelpOptions = true,
        description = "Run an S3 API node in front of remote data nodes.")
public final class ApiNodeCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", required = true, description = "Metadata directory (RocksDB in D/meta).")
    private Path dataDir;

    @Option(names = "--listen", defaultValue = "127.0.0.1:9000", converter = ListenAddress.Converter.class,
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    private ListenAddress listen;

    @Option(names = "--data-nodes", required = true, split = ",",
            description = "Data node URLs, at least six, e.g. http://10.0.0.1:9100 (their order names node-1..n).")
    private List<URI> dataNodes;

    @Option(names = "--cluster-secret-file", required = true, description = "File holding the cluster secret.")
    private Path clusterSecretFile;

    @Option(names = "--cluster-tls-dir", paramLabel = "DIR", description = "Reach the data nodes over TLS (https "
            + "URLs) with ca.pem, cert.pem and key.pem from DIR (granary admin certs init).")
    private Path clusterTlsDir;

    @Option(names = "--domain", description = "Domain for virtual-host-style addressing (bucket.DOMAIN).")
    private String domain;

    @Option(names = "--write-quorum", defaultValue = "5", description = "Shards that must be durable for a write "
            + "to succeed, 4..6 (default: ${DEFAULT-VALUE}).")
    private int writeQuorum;

    @CommandLine.Mixin
    private MetricsListenOption metrics;

    @CommandLine.Mixin
    private ConsoleListenOption console;

    @CommandLine.Mixin
    private BackgroundOptions background;

    @CommandLine.Mixin
    private SigV2Option sigV2;

    @CommandLine.Mixin
    private ListenerOptions listeners;

    @CommandLine.Mixin
    private LogOptions logs;

    @Override
    public Integer call() throws Exception {
        logs.apply();
        if (dataNodes.size() < 6) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--data-nodes needs at least six URLs");
        }
        ApiNode.Config config = new ApiNode.Config(dataDir, listen.host(), listen.port(), dataNodes,
                clusterSecretFile, domain, "us-east-1", writeQuorum, System.getenv(),
                background.settings(spec.commandLine()), metrics.resolve(listen), sigV2.enabled(),
                ApiNode.Config.EMBEDDED_STORES, listeners.settings(spec.commandLine()), clusterTlsDir);
        return NodeRunner.run(config, console.resolve(listen), spec.commandLine().getOut());
    }
}
