package io.granary.api.cli.admin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code granary admin certs}: the cluster CA and node certificates for internal TLS (no server needed). */
@Command(name = "certs", mixinStandardHelpOptions = true,
        description = "Make the cluster CA and node certificates for TLS between API and data nodes.",
        subcommands = CertsCommand.Init.class)
public final class CertsCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return AdminCommand.USAGE_EXIT;
    }

    /** {@code granary admin certs init DIR --node NAME[=HOST,...]...}. */
    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create DIR/ca.pem and DIR/ca-key.pem (unless they exist: then issue with that CA) and, per "
                    + "node, DIR/NAME/{ca,cert,key}.pem to pass as that node's --cluster-tls-dir.")
    static final class Init implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "Directory for the CA and the node directories.")
        private Path dir;

        @Option(names = "--node", required = true, paramLabel = "NAME[=HOST,...]",
                description = "A node to certify (repeat): its directory name and the DNS names or IP addresses its "
                        + "certificate names (default: NAME). Data nodes are checked against the host in their URL.")
        private List<String> nodes = new ArrayList<>();

        @Option(names = "--days", defaultValue = "825", description = "Validity in days (default: ${DEFAULT-VALUE}).")
        private int days;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                List<ClusterCertificates.Node> parsed = new ArrayList<>();
                for (String node : nodes) {
                    parsed.add(ClusterCertificates.Node.parse(node));
                }
                if (days < 1) throw new IllegalArgumentException("--days must be positive");
                ClusterCertificates certificates = new ClusterCertificates(dir, Duration.ofDays(days));
                boolean existingCa = certificates.hasCa();
                List<Path> written = certificates.init(parsed);
                out.println((existingCa ? "issued with the existing CA " : "created the cluster CA ")
                        + dir.resolve("ca.pem") + " (keep " + ClusterCertificates.CA_KEY + " offline once done)");
                for (Path node : written) {
                    out.println("  " + node + "  (--cluster-tls-dir)");
                }
                return 0;
            } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
                err.println("granary admin certs init: " + e.getMessage());
                return e instanceof IllegalArgumentException ? AdminCommand.USAGE_EXIT : 1;
            } finally {
                out.flush();
                err.flush();
            }
        }
    }
}
