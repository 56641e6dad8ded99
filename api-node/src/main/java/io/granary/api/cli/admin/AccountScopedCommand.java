package io.granary.api.cli.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** An admin command on things an account owns (KMS keys, webhook targets): {@code --account}, then a name. */
abstract class AccountScopedCommand extends IdentityCommand {
    @Option(names = "--account", description = "The account that owns them (default: the system account).")
    String account;

    /** The query naming {@code name} (when not null) of the account. */
    Map<String, String> params(String name) {
        Map<String, String> params = new LinkedHashMap<>();
        if (name != null) params.put("name", name);
        if (account != null) params.put("account", account);
        return params;
    }
}
