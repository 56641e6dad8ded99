package io.granary.api.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code granary admin webhook add|list|remove|rotate-secret|status|replay}: the webhook targets bucket
 * notifications are POSTed to, for the system account or the one {@code --account} names. A secret given with
 * {@code --secret-file} is sent in the request body; without one the server generates it and it is printed once.
 */
@Command(name = "webhook", mixinStandardHelpOptions = true,
        description = "Webhook targets of bucket notifications: add, list, remove, rotate-secret, status, replay.",
        subcommands = {WebhookCommand.Add.class, WebhookCommand.ListTargets.class, WebhookCommand.Remove.class,
            WebhookCommand.RotateSecret.class, WebhookCommand.Status.class, WebhookCommand.Replay.class})
public final class WebhookCommand extends IdentityCommand.Group {

    /** A webhook command: {@code --account}, the secret file's bytes, the created target as text. */
    abstract static class TargetCommand extends AccountScopedCommand {
        static byte[] secret(Path file) throws AdminCliException {
            if (file == null) return new byte[0];
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new AdminCliException("cannot read the secret file " + file + ": " + e.getMessage());
            }
        }

        static String created(JsonNode target, String what) {
            return what + " webhook " + target.path("name").asText() + " " + target.path("arn").asText()
                    + "\nsecret (shown once): " + target.path("secret").asText();
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add webhook NAME posting to URL; prints its ARN (for bucket notification configurations) "
                    + "and its secret.")
    static final class Add extends TargetCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The target's name.")
        private String name;

        @Option(names = "--url", required = true, description = "Where events are POSTed (http or https).")
        private String url;

        @Option(names = "--secret-file", description = "A file holding the signing secret (default: generated).")
        private Path secretFile;

        @Override
        void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException {
            Map<String, String> params = params(name);
            params.put("url", url);
            JsonNode target = client.post("webhooks", params, secret(secretFile));
            print(out, target, created(target, "added"));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the webhook targets by name.")
    static final class ListTargets extends TargetCommand {
        @Override
        void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException {
            JsonNode targets = list(client.get("webhooks", params(null)).path("webhooks"));
            print(out, targets, table(targets, "name", "url", "arn"));
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove webhook NAME; events still queued for it go to its dead letters.")
    static final class Remove extends TargetCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The target's name.")
        private String name;

        @Override
        void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException {
            print(out, client.post("webhooks/remove", params(name)), "removed webhook " + name);
        }
    }

    @Command(name = "rotate-secret", mixinStandardHelpOptions = true,
            description = "Give webhook NAME a new secret; the old one keeps signing for the overlap, so receivers "
                    + "can change over without an unverifiable event.")
    static final class RotateSecret extends TargetCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The target's name.")
        private String name;

        @Option(names = "--secret-file", description = "A file holding the new secret (default: generated).")
        private Path secretFile;

        @Option(names = "--overlap", defaultValue = "86400", paramLabel = "SECONDS",
                description = "How long the old secret keeps signing (default: ${DEFAULT-VALUE}).")
        private long overlapSeconds;

        @Override
        void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException {
            Map<String, String> params = params(name);
            params.put("overlap", Long.toString(overlapSeconds));
            JsonNode target = client.post("webhooks/rotate-secret", params, secret(secretFile));
            print(out, target, created(target, "rotated"));
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Webhook NAME's delivery: queued, in flight, delivered, failed, oldest age, last error.")
    static final class Status extends TargetCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The target's name.")
        private String name;

        @Override
        void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException {
            JsonNode status = client.get("webhooks/status", params(name));
            StringBuilder text = new StringBuilder();
            for (String field : new String[] {"name", "arn", "queued", "inFlight", "delivered", "failed",
                "oldestAgeSeconds", "lastError", "lastErrorTime"}) {
                text.append(String.format("%-17s %s%n", field, status.path(field).asText("-")));
            }
            print(out, status, text.toString().stripTrailing());
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Queue webhook NAME's dead letters again (those that failed since --since, or all).")
    static final class Replay extends TargetCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The target's name.")
        private String name;

        @Option(names = "--since", paramLabel = "TIME", description = "Only those that failed at or after TIME "
                + "(ISO-8601, e.g. 2026-12-07T10:00:00Z).")
        private String since;

        @Override
        void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException {
            Map<String, String> params = params(name);
            if (since != null) params.put("since", since);
            JsonNode replayed = client.post("webhooks/replay", params);
            print(out, replayed, "queued " + replayed.path("replayed").asText() + " events of webhook " + name
                    + " again");
        }
    }
}
