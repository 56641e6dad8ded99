package io.granary.api.console;

/** Where the web console listens; port 0 picks a free port. */
public record ConsoleAddress(String host, int port) {

    public ConsoleAddress {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("invalid console port " + port);
    }

    /**
     * The default: the S3 host, two ports after the S3 port (9002 beside 9000, the metrics endpoint taking
     * 9001), or a free port when the S3 port is itself picked freely (0).
     */
    public static ConsoleAddress besideS3(String host, int s3Port) {
        if (s3Port > 65533) throw new IllegalArgumentException("no port two after " + s3Port + " for the console");
        return new ConsoleAddress(host, s3Port == 0 ? 0 : s3Port + 2);
    }
}
