package io.granary.api.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code granary admin key ...}: users' access keys over the IAM API, and the rotation of the system
 * account's root key over the admin API.
 */
@Command(name = "key", mixinStandardHelpOptions = true,
        description = "Access keys: create, list, disable, enable, delete; rotate-root.",
        subcommands = {KeyCommand.Create.class, KeyCommand.ListKeys.class, KeyCommand.Disable.class,
            KeyCommand.Enable.class, KeyCommand.Delete.class, KeyCommand.RotateRoot.class})
public final class KeyCommand extends IdentityCommand.Group {

    /** The one time a secret is printed: say so. */
    static String secretText(JsonNode key) {
        return "accessKeyId:     " + key.path("accessKeyId").asText() + System.lineSeparator()
                + "secretAccessKey: " + key.path("secretAccessKey").asText() + System.lineSeparator()
                + "(the secret is shown only now)";
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an access key for USER.")
    static final class Create extends IdentityCommand {
        @Parameters(index = "0", paramLabel = "USER", description = "The user name.")
        private String user;

        @Override
        void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException {
            JsonNode key = iam.call("CreateAccessKey", "UserName", user).path("accessKey");
            print(out, key, secretText(key));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List USER's access keys, or every user's of the account.")
    static final class ListKeys extends IdentityCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "USER", description = "The user name.")
        private String user;

        @Override
        void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException {
            Map<String, String> params = new LinkedHashMap<>();
            if (user != null) params.put("UserName", user);
            params.put("MaxItems", "1000");
            JsonNode keys = list(iam.call("ListAccessKeys", params).path("accessKeyMetadata"));
            print(out, keys, table(keys, "accessKeyId", "userName", "status", "createDate"));
        }
    }

    /** Disable and enable: UpdateAccessKey with a status. */
    abstract static class StatusChange extends IdentityCommand {
        private final String status;

        @Parameters(index = "0", paramLabel = "KEY", description = "The access key id.")
        private String key;

        StatusChange(String status) {
            this.status = status;
        }

        @Override
        void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException {
            iam.call("UpdateAccessKey", Map.of("AccessKeyId", key, "Status", status));
            ObjectNode answer = client.json().createObjectNode().put("accessKeyId", key).put("status", status);
            print(out, answer, key + " is now " + status);
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable access key KEY at once.")
    static final class Disable extends StatusChange {
        Disable() {
            super("Inactive");
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable access key KEY again.")
    static final class Enable extends StatusChange {
        Enable() {
            super("Active");
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete access key KEY.")
    static final class Delete extends IdentityCommand {
        @Parameters(index = "0", paramLabel = "KEY", description = "The access key id.")
        private String key;

        @Override
        void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException {
            iam.call("DeleteAccessKey", "AccessKeyId", key);
            print(out, client.json().createObjectNode().put("accessKeyId", key), "deleted access key " + key);
        }
    }

    @Command(name = "rotate-root", mixinStandardHelpOptions = true,
            description = "Give an account's root (default: the system account's) a new key, usable at once; the "
                    + "old one stops after --grace.")
    static final class RotateRoot extends IdentityCommand {
        @Option(names = "--grace", paramLabel = "SECONDS", defaultValue = "3600",
                description = "How long the old root key keeps working (default: ${DEFAULT-VALUE}; 0: stop now).")
        private long grace;

        @Option(names = "--account", paramLabel = "NAME", description = "The account (default: the system account).")
        private String account;

        @Override
        void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException {
            Map<String, String> query = new LinkedHashMap<>();
            if (account != null) query.put("account", account);
            query.put("grace", Long.toString(grace));
            JsonNode key = client.post("root-key/rotate", query);
            print(out, key, secretText(key) + System.lineSeparator() + "the previous root key stops working in "
                    + grace + " s: update the credentials wherever they are used");
        }
    }
}
