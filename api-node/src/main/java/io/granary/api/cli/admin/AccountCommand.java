package io.granary.api.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code granary admin account create|list|delete}: accounts, over the admin API (accounts are not
 * an IAM action; only the system account's root manages them).
 */
@Command(name = "account", mixinStandardHelpOptions = true, description = "Accounts: create, list, delete.",
        subcommands = {AccountCommand.Create.class, AccountCommand.ListAccounts.class, AccountCommand.Delete.class})
public final class AccountCommand extends IdentityCommand.Group {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create account NAME with its root access key (printed once).")
    static final class Create extends IdentityCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The account name.")
        private String name;

        @Override
        void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException {
            JsonNode created = client.post("accounts", Map.of("name", name));
            ObjectNode answer = client.json().createObjectNode();
            for (String field : new String[] {"accountId", "canonicalId", "accessKeyId", "secretAccessKey"}) {
                answer.set(field, created.path(field));
            }
            print(out, answer, "created account " + name + " (" + created.path("accountId").asText() + ")"
                    + System.lineSeparator() + "root " + KeyCommand.secretText(created));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts.")
    static final class ListAccounts extends IdentityCommand {
        @Override
        void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException {
            JsonNode accounts = list(client.get("accounts", Map.of()).path("accounts"));
            print(out, accounts, table(accounts, "name", "accountId", "canonicalId"));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete account NAME (refused while it owns buckets, users, groups, roles or policies).")
    static final class Delete extends IdentityCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The account name.")
        private String name;

        @Override
        void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException {
            JsonNode answer = client.delete("accounts", Map.of("name", name));
            print(out, answer, "deleted account " + name);
        }
    }
}
