package io.granary.api.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code granary admin policy create|attach|detach|list}: managed policies over the IAM API. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Managed policies: create, attach to a user, detach, list.",
        subcommands = {PolicyCommand.Create.class, PolicyCommand.Attach.class, PolicyCommand.Detach.class,
            PolicyCommand.ListPolicies.class})
public final class PolicyCommand extends IdentityCommand.Group {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create managed policy NAME from the JSON policy document in FILE.")
    static final class Create extends IdentityCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The policy name.")
        private String name;

        @Parameters(index = "1", paramLabel = "FILE", description = "The policy document (JSON).")
        private Path file;

        @Override
        void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException {
            String document;
            try {
                document = Files.readString(file);
            } catch (IOException e) {
                throw new AdminCliException("cannot read " + file + ": " + e.getMessage());
            }
            JsonNode policy = iam.call("CreatePolicy", Map.of("PolicyName", name, "PolicyDocument", document))
                    .path("policy");
            print(out, policy, "created policy " + name + " (" + policy.path("arn").asText() + ")");
        }
    }

    /** Attach and detach: the policy by name, the user by name. */
    abstract static class Attachment extends IdentityCommand {
        private final String action;
        private final String done;

        Attachment(String action, String done) {
            this.action = action;
            this.done = done;
        }

        @Parameters(index = "0", paramLabel = "NAME", description = "The policy name.")
        private String name;

        @Parameters(index = "1", paramLabel = "USER", description = "The user name.")
        private String user;

        @Override
        void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException {
            String arn = iam.policyArn(name);
            iam.call(action, Map.of("UserName", user, "PolicyArn", arn));
            print(out, client.json().createObjectNode().put("policyName", name).put("policyArn", arn)
                    .put("userName", user), done + " policy " + name + " " + (action.startsWith("Attach") ? "to"
                    : "from") + " user " + user);
        }
    }

    @Command(name = "attach", mixinStandardHelpOptions = true, description = "Attach policy NAME to user USER.")
    static final class Attach extends Attachment {
        Attach() {
            super("AttachUserPolicy", "attached");
        }
    }

    @Command(name = "detach", mixinStandardHelpOptions = true, description = "Detach policy NAME from user USER.")
    static final class Detach extends Attachment {
        Detach() {
            super("DetachUserPolicy", "detached");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the account's managed policies.")
    static final class ListPolicies extends IdentityCommand {
        @Override
        void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException {
            JsonNode policies = list(iam.call("ListPolicies", Map.of("Scope", "Local", "MaxItems", "1000"))
                    .path("policies"));
            print(out, policies, table(policies, "policyName", "attachmentCount", "arn"));
        }
    }
}
