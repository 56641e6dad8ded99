package io.granary.api.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What the user, key, policy and account commands share: the admin options of {@code granary admin}
 * (through their group command), {@code --json}, and the admin error policy. A subclass does one call
 * and prints its answer, as a line or table for people and, with {@code --json}, as JSON with IAM's
 * field names.
 */
abstract class IdentityCommand implements Callable<Integer> {

    /** A command group ({@code user}, {@code key}, ...) under {@code granary admin}: usage when run alone. */
    abstract static class Group implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        /** {@code granary admin}, or a group nested in another ({@code kms key}). */
        @CommandLine.ParentCommand
        private Object parent;

        AdminCommand admin() {
            return parent instanceof AdminCommand admin ? admin : ((Group) parent).admin();
        }

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getErr());
            return AdminCommand.USAGE_EXIT;
        }
    }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    private Group group;

    @Option(names = "--json", description = "Print the answer as JSON (IAM's field names).")
    boolean json;

    /** Does the command's call and prints its answer. */
    abstract void run(AdminClient client, IamQuery iam, PrintWriter out) throws AdminCliException;

    @Override
    public Integer call() throws InterruptedException {
        return group.admin().run(spec.commandLine(), (client, out, err) -> {
            run(client, new IamQuery(client), out);
            return 0;
        });
    }

    /** Prints {@code answer} as JSON, or else {@code text}. */
    void print(PrintWriter out, JsonNode answer, String text) {
        out.println(json ? answer.toString() : text);
    }

    /** An IAM list as a JSON array (an empty list arrives as an empty element). */
    static JsonNode list(JsonNode members) {
        return members.isArray() ? members : JsonNodeFactory.instance.arrayNode();
    }

    /** Rows of {@code columns} (JSON field names) under upper-cased headers, for people. */
    static String table(JsonNode rows, String... columns) {
        StringBuilder out = new StringBuilder();
        String format = "%-24s ".repeat(columns.length).trim() + "%n";
        Object[] headers = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) headers[i] = columns[i].toUpperCase(Locale.ROOT);
        out.append(String.format(Locale.ROOT, format, headers));
        for (JsonNode row : rows) {
            Object[] cells = new Object[columns.length];
            for (int i = 0; i < columns.length; i++) cells[i] = row.path(columns[i]).asText("-");
            out.append(String.format(Locale.ROOT, format, cells));
        }
        return out.toString().stripTrailing();
    }
}
