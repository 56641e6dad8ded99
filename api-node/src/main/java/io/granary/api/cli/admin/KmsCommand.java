package io.granary.api.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.granary.api.heal.JobProgress;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code granary admin kms key create|list|disable|enable}: the keys of the built-in key store (SSE-KMS), over
 * the admin API, for the system account or the one {@code --account} names; {@code granary admin kms
 * rotate-master}: the master-key rotation, followed with {@code --wait} like a heal.
 */
@Command(name = "kms", mixinStandardHelpOptions = true,
        description = "The built-in key store (SSE-KMS) and the master-key rotation.",
        subcommands = {KmsCommand.KeyGroup.class, KmsCommand.RotateMaster.class})
public final class KmsCommand extends IdentityCommand.Group {
    private static final String ROTATION = "kms/rotate-master";

    @Command(name = "rotate-master", mixinStandardHelpOptions = true,
            description = "Re-wrap every SSE-S3 data key and KMS key under a new key from the master key, then "
                    + "destroy the old one (no data is rewritten). Paced; resumes after a restart.")
    static final class RotateMaster implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @CommandLine.ParentCommand
        private KmsCommand kms;

        @Option(names = "--wait", description = "Follow the rotation until it ends; exit 0 only if it ends clean.")
        private boolean await;

        @Option(names = "--status", description = "Only show the progress of the running or last rotation.")
        private boolean status;

        @Override
        public Integer call() throws InterruptedException {
            return kms.admin().run(spec.commandLine(), (client, out, err) -> {
                JobProgress started = AdminCommand.progress(client, status ? client.get(ROTATION, Map.of())
                        : client.post(ROTATION, Map.of()));
                if (!await) {
                    out.println(ProgressView.line(started));
                    return 0;
                }
                return PassWatcher.follow(client, ROTATION, started, out, err);
            });
        }
    }

    @Command(name = "key", mixinStandardHelpOptions = true, description = "KMS keys: create, list, disable, enable.",
            subcommands = {Create.class, ListKeys.class, Disable.class, Enable.class})
    static final class KeyGroup extends IdentityCommand.Group {
    }

    /** A key command: {@code --account}, and the key's fields as one line. */
    abstract static class KeyCommand extends AccountScopedCommand {
        static String line(JsonNode key) {
            return key.path("name").asText() + " " + key.path("state").asText() + " " + key.path("arn").asText();
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create key NAME (alias/NAME), enabled; prints its ARN.")
    static final class Create extends KeyCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The key's name.")
        private String name;

        @Option(names = "--description", description = "What the key is for.")
        private String description;

        @Override
        void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException {
            Map<String, String> params = params(name);
            if (description != null) params.put("description", description);
            JsonNode key = client.post("kms/keys", params);
            print(out, key, "created key " + line(key));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the keys: the AWS managed key aws/s3, then the others by name.")
    static final class ListKeys extends KeyCommand {
        @Override
        void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException {
            JsonNode keys = list(client.get("kms/keys", params(null)).path("keys"));
            print(out, keys, table(keys, "name", "state", "keyId", "arn"));
        }
    }

    /** Disable or enable: the same call with another verb. */
    abstract static class SetState extends KeyCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The key's name, alias, id or ARN.")
        private String name;

        /** {@code disable} or {@code enable}. */
        abstract String verb();

        @Override
        void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException {
            JsonNode key = client.post("kms/keys/" + verb(), params(name));
            print(out, key, verb() + "d key " + line(key));
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disable key NAME: objects under it cannot be read or written until it is enabled.")
    static final class Disable extends SetState {
        @Override
        String verb() {
            return "disable";
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable key NAME again.")
    static final class Enable extends SetState {
        @Override
        String verb() {
            return "enable";
        }
    }
}
