package io.granary.api.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --sigv2 on|off}: whether Signature V2 (HMAC-SHA1) requests are accepted, for operators who want V4 only. */
public final class SigV2Option {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    private CommandLine.Model.CommandSpec spec;

    private boolean enabled = true;

    @Option(names = "--sigv2", paramLabel = "on|off", defaultValue = "on",
            description = "Accept AWS Signature V2 requests and presigned URLs (default: ${DEFAULT-VALUE}).")
    void set(String value) {
        enabled = switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--sigv2 must be on or off, not '" + value + "'");
        };
    }

    public boolean enabled() {
        return enabled;
    }
}
