package io.granary.api.it.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Samples one process as the soak runs: heap in use (one {@code jstat -gc PID 1000} child printing a line a
 * second, so sampling costs one JVM, not one per sample), resident set and open file descriptors from
 * {@code /proc}. Linux only, as the cluster tests are.
 */
final class ProcessSampler implements AutoCloseable {
    private static final List<String> HEAP_COLUMNS = List.of("S0U", "S1U", "EU", "OU");

    private final long pid;
    private final Process jstat;
    private final Thread reader;
    private final AtomicLong maxHeapKib = new AtomicLong();
    private final AtomicLong maxRssKib = new AtomicLong();

    ProcessSampler(long pid) throws IOException {
        this.pid = pid;
        Path tool = Paths.get(System.getProperty("java.home"), "bin", "jstat");
        jstat = new ProcessBuilder(tool.toString(), "-gc", Long.toString(pid), "1000")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        reader = new Thread(this::readSamples, "soak-sampler");
        reader.setDaemon(true);
        reader.start();
    }

    /** The number of open file descriptors now. */
    long openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Paths.get("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        }
    }

    long maxHeapBytes() {
        return maxHeapKib.get() * 1024;
    }

    long maxRssBytes() {
        return maxRssKib.get() * 1024;
    }

    private void readSamples() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(jstat.getInputStream(),
                StandardCharsets.US_ASCII))) {
            List<String> header = null;
            for (String line; (line = lines.readLine()) != null; ) {
                List<String> fields = Arrays.asList(line.trim().split("\\s+"));
                if (fields.contains("EU")) {
                    header = fields;
                } else if (header != null && fields.size() == header.size()) {
                    double used = 0;
                    for (String column : HEAP_COLUMNS) used += Double.parseDouble(fields.get(header.indexOf(column)));
                    maxHeapKib.accumulateAndGet((long) used, Math::max);
                }
                maxRssKib.accumulateAndGet(rssKib(), Math::max);
            }
        } catch (IOException | RuntimeException e) {
            // The sampled process ended, or jstat was stopped: the maxima so far stand.
        }
    }

    private long rssKib() throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        return 0;
    }

    @Override
    public void close() throws InterruptedException {
        jstat.destroy();
        reader.join(5000);
    }
}
