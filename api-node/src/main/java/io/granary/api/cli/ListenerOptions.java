package io.granary.api.cli;

import io.granary.api.ListenerSettings;
import io.granary.api.limits.ClientLimits;
import io.granary.api.tls.TlsFiles;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * TLS and client limits of the roles that run an API node (a picocli mixin): {@code --tls-cert FILE
 * --tls-key FILE} (both or neither; plain HTTP without them), {@code --max-connections N}, {@code
 * --max-inflight N} (half of it per access key), {@code --client-timeout SECONDS}, {@code
 * --keep-alive-timeout SECONDS}.
 */
final class ListenerOptions {

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "PEM certificate chain (server certificate first) to serve HTTPS with; needs --tls-key. "
                    + "Reloaded on SIGHUP.")
    private Path cert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key of --tls-cert.")
    private Path key;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "" + ClientLimits.DEFAULT_MAX_CONNECTIONS,
            description = "Open client connections served at once; past it requests get 503 SlowDown, past "
                    + "twice it connections are closed (default: ${DEFAULT-VALUE}).")
    private int maxConnections;

    @Option(names = "--max-inflight", paramLabel = "N", defaultValue = "" + ClientLimits.DEFAULT_MAX_INFLIGHT,
            description = "Requests in progress at once, half of them per access key; past it 503 SlowDown "
                    + "(default: ${DEFAULT-VALUE}).")
    private int maxInflight;

    @Option(names = "--client-timeout", paramLabel = "SECONDS", defaultValue = "20",
            description = "Deadline for a request's headers, and for each stretch of a body or response that "
                    + "makes no progress (below 1 KiB/s); then 400 RequestTimeout or a closed connection "
                    + "(default: ${DEFAULT-VALUE}).")
    private int clientTimeout;

    @Option(names = "--keep-alive-timeout", paramLabel = "SECONDS", defaultValue = "75",
            description = "How long an idle kept-alive connection may wait for its next request "
                    + "(default: ${DEFAULT-VALUE}).")
    private int keepAliveTimeout;

    ListenerSettings settings(CommandLine commandLine) {
        if ((cert == null) != (key == null)) {
            throw new CommandLine.ParameterException(commandLine, "--tls-cert and --tls-key go together");
        }
        if (maxConnections < 1 || maxInflight < 1) {
            throw new CommandLine.ParameterException(commandLine,
                    "--max-connections and --max-inflight must be at least 1");
        }
        if (clientTimeout < 1 || keepAliveTimeout < 1) {
            throw new CommandLine.ParameterException(commandLine,
                    "--client-timeout and --keep-alive-timeout must be at least 1 second");
        }
        return new ListenerSettings(cert == null ? null : new TlsFiles(cert, key),
                ClientLimits.defaults().withCaps(maxConnections, maxInflight).withDeadlines(
                        Duration.ofSeconds(clientTimeout), Duration.ofSeconds(keepAliveTimeout)));
    }
}
