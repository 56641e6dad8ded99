package io.granary.api.cli.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code granary admin heal [--node N] [--wait]} and {@code heal status}. */
@Command(name = "heal", mixinStandardHelpOptions = true, subcommands = PassStatusCommand.class,
        description = "Start a full heal: rebuild every missing or corrupt shard (of every object, or of those "
                + "with a shard on one node).")
public final class HealCommand extends PassCommand {

    @Option(names = "--node", description = "Only objects with a shard on this node (e.g. node-3).")
    private String node;

    @Override
    String pass() {
        return "heal";
    }

    @Override
    String node() {
        return node;
    }
}
