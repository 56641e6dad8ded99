package io.granary.api.cli;

import io.granary.api.console.ConsoleAddress;
import picocli.CommandLine.Option;

/**
 * The {@code --console-listen HOST:PORT|off} option of the roles that run an API node (a picocli mixin).
 * Unset, the web console listens two ports after the S3 port ({@link ConsoleAddress#besideS3}).
 */
final class ConsoleListenOption {

    @Option(names = "--console-listen", paramLabel = "HOST:PORT|off", converter = ListenChoice.Converter.class,
            description = "Address of the web console, or 'off' (default: the S3 host and the S3 port + 2; "
                    + "a free port when the S3 port is 0).")
    private ListenChoice choice;

    /** Where the console listens, or null when it is off. */
    ConsoleAddress resolve(ListenAddress s3) {
        if (choice == null) return ConsoleAddress.besideS3(s3.host(), s3.port());
        ListenAddress address = choice.address();
        return address == null ? null : new ConsoleAddress(address.host(), address.port());
    }
}
