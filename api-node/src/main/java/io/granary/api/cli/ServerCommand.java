package io.granary.api.cli;

import io.granary.api.ApiNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code granary server}: the embedded server, API node and six data nodes in one process. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run the embedded server: S3 API node and six data nodes in one process.")
public final class ServerCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "./data",
            description = "Data directory: metadata in D/meta, data node i in D/node-i (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--listen", defaultValue = "127.0.0.1:9000", converter = ListenAddress.Converter.class,
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    private ListenAddress listen;

    @Option(names = "--domain", description = "Domain for virtual-host-style addressing (bucket.DOMAIN).")
    private String domain;

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
        ApiNode.Config config = ApiNode.Config.embedded(dataDir, listen.host(), listen.port(), System.getenv())
                .withDomain(domain).withMetrics(metrics.resolve(listen))
                .withBackground(background.settings(spec.commandLine())).withSigV2(sigV2.enabled())
                .withListeners(listeners.settings(spec.commandLine()));
        return NodeRunner.run(config, console.resolve(listen), spec.commandLine().getOut());
    }
}
