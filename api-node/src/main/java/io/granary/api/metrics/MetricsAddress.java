package io.granary.api.metrics;

/** Where the metrics endpoint listens; port 0 picks a free port. */
public record MetricsAddress(String host, int port) {

    public MetricsAddress {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("invalid metrics port " + port);
    }

    /**
     * The default: the S3 host, on the port after the S3 port (9001 beside 9000), or a free port when
     * the S3 port is itself picked freely (0).
     */
    public static MetricsAddress besideS3(String host, int s3Port) {
        if (s3Port == 65535) throw new IllegalArgumentException("no port after 65535 for the metrics endpoint");
        return new MetricsAddress(host, s3Port == 0 ? 0 : s3Port + 1);
    }
}
