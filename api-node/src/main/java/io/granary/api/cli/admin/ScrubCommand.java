package io.granary.api.cli.admin;

import picocli.CommandLine.Command;

/** {@code granary admin scrub [--wait]} and {@code scrub status}. */
@Command(name = "scrub", mixinStandardHelpOptions = true, subcommands = PassStatusCommand.class,
        description = "Start a full scrub: re-read every shard, verify its checksums and queue bad ones for heal.")
public final class ScrubCommand extends PassCommand {

    @Override
    String pass() {
        return "scrub";
    }

    @Override
    String node() {
        return null;
    }
}
