package io.granary.api.cli;

import io.granary.api.metrics.MetricsAddress;
import picocli.CommandLine.Option;

/**
 * The {@code --metrics-listen HOST:PORT|off} option of the roles that run an API node (a picocli mixin).
 * Unset, the endpoint listens beside the S3 port ({@link MetricsAddress#besideS3}).
 */
final class MetricsListenOption {

    @Option(names = "--metrics-listen", paramLabel = "HOST:PORT|off", converter = ListenChoice.Converter.class,
            description = "Address of the Prometheus endpoint /metrics, or 'off' (default: the S3 host and the "
                    + "S3 port + 1; a free port when the S3 port is 0).")
    private ListenChoice choice;

    /** Where the endpoint listens, or null when it is off. */
    MetricsAddress resolve(ListenAddress s3) {
        if (choice == null) return MetricsAddress.besideS3(s3.host(), s3.port());
        return choice.address() == null ? null : new MetricsAddress(choice.address().host(), choice.address().port());
    }
}
