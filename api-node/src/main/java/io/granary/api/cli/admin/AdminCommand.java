package io.granary.api.cli.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.granary.api.heal.JobProgress;
import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code granary admin}: the operator's client of a running cluster's admin API. Holds the options every
 * admin command shares (endpoint, credentials, region) and runs the commands with one error policy:
 * missing credentials exit 2, any failed request exits 1, each with one line on standard error.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Administer a running cluster: status, heal, scrub, node replacement, recovery drill; "
                + "users, keys, policies and accounts; the KMS key store.",
        subcommands = {StatusCommand.class, HealCommand.class, ScrubCommand.class, NodeCommand.class,
            DrillCommand.class, OrphansCommand.class, LifecycleCommand.class, UserCommand.class, KeyCommand.class,
            PolicyCommand.class,
            AccountCommand.class, KmsCommand.class, WebhookCommand.class, CertsCommand.class})
public final class AdminCommand implements Callable<Integer> {
    static final int USAGE_EXIT = 2;
    static final String ACCESS_KEY_ENV = "GRANARY_ACCESS_KEY";
    static final String SECRET_KEY_ENV = "GRANARY_SECRET_KEY";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--endpoint",
            description = "The API node, e.g. http://127.0.0.1:9000 (every command but certs needs it).")
    private URI endpoint;

    @Option(names = "--access-key",
            description = "Root access key (default: $" + ACCESS_KEY_ENV + ").")
    private String accessKey;

    @Option(names = "--secret-key",
            description = "Root secret key (default: $" + SECRET_KEY_ENV + ").")
    private String secretKey;

    @Option(names = "--region", defaultValue = "us-east-1",
            description = "Region to sign for (default: ${DEFAULT-VALUE}).")
    private String region;

    /** What an admin command does once it has a client; throws to fail with one line. */
    interface Action {
        int run(AdminClient client, PrintWriter out, PrintWriter err) throws AdminCliException, InterruptedException;
    }

    /** With no command named, show the commands and fail. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE_EXIT;
    }

    /** Runs {@code action} for the command {@code command} with this command's options and error policy. */
    int run(CommandLine command, Action action) throws InterruptedException {
        PrintWriter out = command.getOut();
        PrintWriter err = command.getErr();
        String access = orEnv(accessKey, ACCESS_KEY_ENV);
        String secret = orEnv(secretKey, SECRET_KEY_ENV);
        if (access == null || secret == null) {
            err.println("granary admin: no credentials: pass --access-key and --secret-key or set " + ACCESS_KEY_ENV
                    + " and " + SECRET_KEY_ENV);
            return USAGE_EXIT;
        }
        if (endpoint == null) {
            err.println("granary admin: --endpoint is required (the API node, e.g. http://127.0.0.1:9000)");
            return USAGE_EXIT;
        }
        if (endpoint.getScheme() == null || endpoint.getHost() == null) {
            err.println("granary admin: --endpoint must be a URL like http://127.0.0.1:9000, not " + endpoint);
            return USAGE_EXIT;
        }
        AdminClient client = new AdminClient(endpoint, new RequestSigner(access, secret, region), Clock.systemUTC());
        try {
            return action.run(client, out, err);
        } catch (AdminCliException e) {
            err.println("granary admin: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static String orEnv(String value, String variable) {
        String chosen = value != null ? value : System.getenv(variable);
        return chosen == null || chosen.isBlank() ? null : chosen;
    }

    /** Parses a pass's progress from the answer's JSON. */
    static JobProgress progress(AdminClient client, JsonNode node) throws AdminCliException {
        try {
            return client.json().treeToValue(node, JobProgress.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new AdminCliException("the server's progress report is not one this CLI understands: "
                    + e.getMessage());
        }
    }

    /** Whether standard output is an interactive terminal (JDK 22+ returns a console for pipes too). */
    static boolean onTerminal() {
        Console console = System.console();
        if (console == null) return false;
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** The progress view for {@code --wait} on this terminal or pipe. */
    static ProgressView progressView(PrintWriter out) {
        return onTerminal() ? new TerminalProgress(null) : new PlainProgress(out, System::nanoTime);
    }

    static Map<String, String> query(String name, String value) {
        return value == null ? Map.of() : Map.of(name, value);
    }
}
