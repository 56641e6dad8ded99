package io.granary.api.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code granary admin policy create|attach|detach|list}: managed policies over the IAM API. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Managed policies: create, attach to a user, detach, list.",
        subcommands = {PolicyCommand.Create.class, PolicyCommand.Attach.class, PolicyCommand.Detach.class,
            PolicyCommand.ListPolicies.class})
public final class PolicyCommand implements Callable<Integer>, IdentityCommand.Group {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    private AdminCommand admin;

    @Override
    public AdminCommand admin() {
        return admin;
    }

    @Override
    public Integer call() {
        return IdentityCommand.usage(spec);
    }

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
        @Parameters(index = "0", paramLabel = "NAME", description = "The policy name.")
        private String name;

        @Parameters(index = "1", paramLabel = "USER", description = "The user name.")
        private String user;

        abstract String action();

        abstract String done();

        @Override
        void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException {
            String arn = iam.policyArn(name);
            iam.call(action(), Map.of("UserName", user, "PolicyArn", arn));
            print(out, client.json().createObjectNode().put("policyName", name).put("policyArn", arn)
                    .put("userName", user), done() + " policy " + name + " " + (done().equals("attached") ? "to"
                    : "from") + " user " + user);
        }
    }

    @Command(name = "attach", mixinStandardHelpOptions = true, description = "Attach policy NAME to user USER.")
    static final class Attach extends Attachment {
        @Override
        String action() {
            return "AttachUserPolicy";
        }

        @Override
        String done() {
            return "attached";
        }
    }

    @Command(name = "detach", mixinStandardHelpOptions = true, description = "Detach policy NAME from user USER.")
    static final class Detach extends Attachment {
        @Override
        String action() {
            return "DetachUserPolicy";
        }

        @Override
        String done() {
            return "detached";
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
