package io.granary.api.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code granary admin user create|list|delete}: IAM users of the caller's account, over the IAM API. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "IAM users: create, list, delete.",
        subcommands = {UserCommand.Create.class, UserCommand.ListUsers.class, UserCommand.Delete.class})
public final class UserCommand extends IdentityCommand.Group {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create user NAME.")
    static final class Create extends IdentityCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The user name.")
        private String name;

        @Override
        void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException {
            JsonNode user = iam.call("CreateUser", "UserName", name).path("user");
            print(out, user, "created user " + user.path("userName").asText() + " (" + user.path("arn").asText()
                    + ")");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the account's users.")
    static final class ListUsers extends IdentityCommand {
        @Override
        void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException {
            JsonNode users = list(iam.call("ListUsers", Map.of("MaxItems", "1000")).path("users"));
            print(out, users, table(users, "userName", "userId", "arn", "createDate"));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete user NAME (without keys "
            + "or policies left).")
    static final class Delete extends IdentityCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The user name.")
        private String name;

        @Override
        void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException {
            iam.call("DeleteUser", "UserName", name);
            print(out, client.json().createObjectNode().put("userName", name), "deleted user " + name);
        }
    }
}
