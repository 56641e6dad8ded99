package io.granary.bench.load;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * S3 load generator: repeats one operation (PUT, GET, ranged GET or multipart upload) of one object size with a
 * fixed concurrency against an S3 endpoint, bounded by an operation count and a duration, and prints throughput,
 * latency percentiles and, given the server's PID, the server's CPU seconds per GiB moved. Requests go over a
 * Vert.x HTTP client and are signed with SigV4, {@code UNSIGNED-PAYLOAD} or, with {@code --payload signed-crc32},
 * a signed body hash and a CRC32 checksum; no SDK HTTP stack, so that the client costs little next to the server
 * it measures.
 * Run as {@code java -cp bench/target/benchmarks.jar io.granary.bench.load.S3Load --help}.
 */
@Command(name = "s3load", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure an S3 server: throughput, p50/p99 latency, server CPU-s/GiB.")
public final class S3Load implements Callable<Integer> {
    /** The operation families; GET becomes a ranged download with --ranged. */
    enum Op { PUT, GET, MPU }

    private static final long PAYLOAD_SEED = 0x5EED_5EEDL;
    private static final long PREPARE_LIMIT_SECONDS = 1800;
    private static final long DRAIN_GRACE_SECONDS = 600;
    private static final long MIB = 1 << 20;

    @Spec
    private CommandSpec spec;

    @Option(names = "--endpoint", required = true, description = "S3 endpoint, e.g. http://127.0.0.1:9000")
    private URI endpoint;

    @Option(names = "--access-key", defaultValue = "${env:GRANARY_ACCESS_KEY}",
            description = "Access key (default: $GRANARY_ACCESS_KEY)")
    private String accessKey;

    @Option(names = "--secret-key", defaultValue = "${env:GRANARY_SECRET_KEY}",
            description = "Secret key (default: $GRANARY_SECRET_KEY)")
    private String secretKey;

    @Option(names = "--bucket", defaultValue = "s3load", description = "Bucket, created if missing (${DEFAULT-VALUE})")
    private String bucket;

    @Option(names = "--op", required = true, description = "put, get or mpu (multipart upload)")
    private Op op;

    @Option(names = "--size", defaultValue = "1MiB", converter = ByteSize.Converter.class,
            description = "Object size: 4KiB, 1MiB, 64MiB, 1GiB, ... (${DEFAULT-VALUE})")
    private long size;

    @Option(names = "--part-size", defaultValue = "16MiB", converter = ByteSize.Converter.class,
            description = "Part size for mpu and range size for --ranged (${DEFAULT-VALUE})")
    private long partSize;

    @Option(names = "--ranged", description = "With --op get: download each object as concurrent ranged GETs")
    private boolean ranged;

    @Option(names = "--clients", defaultValue = "1",
            description = "Concurrency: requests in flight (parts or ranges for mpu and --ranged) (${DEFAULT-VALUE})")
    private int clients;

    @Option(names = "--count", description = "Stop after this many operations (default: no limit)")
    private Long count;

    @Option(names = "--duration", defaultValue = "30",
            description = "Start no operation after this many seconds (${DEFAULT-VALUE})")
    private double duration;

    @Option(names = "--warmup", defaultValue = "0",
            description = "Seconds of untimed operations before measuring (${DEFAULT-VALUE})")
    private double warmup;

    @Option(names = "--server-pid", split = ",",
            description = "PIDs of the local server processes (comma-separated), to report their CPU-s per GiB")
    private List<Long> serverPids;

    @Option(names = "--event-loops", description = "Client event-loop threads (default: number of cores)")
    private Integer eventLoops;

    @Option(names = "--label", defaultValue = "server", description = "Server name in results (${DEFAULT-VALUE})")
    private String label;

    @Option(names = "--tsv", description = "Append the result row to this TSV file (header if new)")
    private Path tsv;

    @Option(names = "--payload", defaultValue = "unsigned", converter = PayloadModeConverter.class,
            description = "unsigned (UNSIGNED-PAYLOAD) or signed-crc32 (SHA-256 signed body and a CRC32 checksum, as "
                    + "boto3 and the aws CLI send over HTTP) (${DEFAULT-VALUE})")
    private PayloadMode payload;

    @Option(names = "--verify-size", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Fail when a GET returns fewer or more bytes than expected (default: on)")
    private boolean verifySize;

    public static void main(String[] args) {
        // slf4j-api is on the class path without a binding; JDK logging keeps Netty from complaining about it.
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        System.exit(new CommandLine(new S3Load()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        URI target = validatedEndpoint();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(
                eventLoops == null ? Runtime.getRuntime().availableProcessors() : eventLoops));
        try {
            S3Signer signer = new S3Signer(accessKey, secretKey);
            S3Client setup = new S3Client(vertx, target, bucket, signer, payload, clients);
            LoadOp load = operation();
            System.err.printf("s3load: %s %s x%d against %s: preparing%n", load.name(), ByteSize.format(size),
                    clients, target);
            LoadDriver.await(setup.ensureBucket().compose(v -> load.prepare(setup)), PREPARE_LIMIT_SECONDS);
            List<S3Client> loopClients = new ArrayList<>();
            for (int i = 0; i < load.loops(); i++) {
                loopClients.add(new S3Client(vertx, target, bucket, signer, payload, load.requestsPerLoop()));
            }
            LoadResult result = measure(LoadDriver.start(vertx, load, loopClients), load);
            System.out.println(result.humanTable());
            if (tsv != null) appendTsv(result);
            return 0;
        } catch (Exception e) {
            System.err.println("s3load: failed: " + e.getMessage());
            return 1;
        } finally {
            vertx.close();
        }
    }

    private LoadResult measure(LoadDriver driver, LoadOp load) throws Exception {
        Latencies latencies = Latencies.recording();
        long firstSeq = 0;
        if (warmup > 0) {
            RunBudget warm = new RunBudget(0, Long.MAX_VALUE, warmup);
            driver.run(warm, latencies, (long) warmup + DRAIN_GRACE_SECONDS);
            firstSeq = warm.end();
            latencies.takeInterval();
        }
        List<ProcessCpu> cpu = serverPids == null ? List.of() : serverPids.stream().map(ProcessCpu::new).toList();
        ProcessCpu self = new ProcessCpu(ProcessHandle.current().pid());
        double cpuBefore = ProcessCpu.total(cpu);
        double selfBefore = self.seconds();
        RunBudget budget = new RunBudget(firstSeq, count == null ? Long.MAX_VALUE : count, duration);
        LoadDriver.Outcome outcome = driver.run(budget, latencies, (long) duration + DRAIN_GRACE_SECONDS);
        double cpuUsed = ProcessCpu.total(cpu) - cpuBefore;
        return new LoadResult(label, load.name(), size, clients, outcome.ops(), outcome.seconds(), outcome.bytes(),
                latencies.takeInterval(), cpuUsed, self.seconds() - selfBefore);
    }

    private LoadOp operation() {
        RandomPayload data = new RandomPayload(op == Op.MPU ? Math.min(size, Math.max(partSize, MIB)) : size,
                PAYLOAD_SEED);
        String writePrefix = "s3load/runs/" + Long.toString(System.currentTimeMillis(), 36) + "/"
                + ByteSize.format(size) + "/";
        return switch (op) {
            case PUT -> new PutOp(data, size, clients, writePrefix);
            case GET -> new GetOp(data, size, clients, partSize, ranged, verifySize);
            case MPU -> new MultipartPutOp(data, size, partSize, clients, writePrefix);
        };
    }

    private URI validatedEndpoint() {
        if (accessKey == null || accessKey.isEmpty() || secretKey == null || secretKey.isEmpty()) {
            throw usage("credentials missing: pass --access-key/--secret-key or set GRANARY_ACCESS_KEY/SECRET_KEY");
        }
        if (!"http".equals(endpoint.getScheme()) || endpoint.getHost() == null) {
            throw usage("--endpoint must be http://HOST:PORT, got " + endpoint);
        }
        if (clients < 1 || size < 1 || partSize < 1 || duration <= 0 || (count != null && count < 1)
                || (eventLoops != null && eventLoops < 1)) {
            throw usage("--clients, --size, --part-size, --duration, --count and --event-loops must be positive");
        }
        if (ranged && op != Op.GET) throw usage("--ranged applies to --op get only");
        int port = endpoint.getPort() < 0 ? 80 : endpoint.getPort();
        return URI.create("http://" + endpoint.getHost() + ":" + port);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** {@code signed-crc32} and the like, to {@link PayloadMode}. */
    static final class PayloadModeConverter implements CommandLine.ITypeConverter<PayloadMode> {
        @Override
        public PayloadMode convert(String value) {
            return PayloadMode.valueOf(value.trim().replace('-', '_').toUpperCase(java.util.Locale.ROOT));
        }
    }

    private void appendTsv(LoadResult result) throws java.io.IOException {
        boolean fresh = !Files.exists(tsv) || Files.size(tsv) == 0;
        String text = (fresh ? LoadResult.tsvHeader() + "\n" : "") + result.tsvRow() + "\n";
        Files.writeString(tsv, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
