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

    /**
     * What the open descriptors are, for a run whose count did not come back: files by directory, other kinds by
     * kind, and TCP connections by state and remote port ({@code ss -tanp}).
     */
    String describeOpenFiles() throws IOException, InterruptedException {
        java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
        try (Stream<Path> fds = Files.list(Paths.get("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException gone) {
                    continue;
                }
                String kind = target.endsWith(".jar") ? "jars" : target.startsWith("/")
                        ? Paths.get(target).getParent().toString() : target.replaceAll("[:\\[].*", "");
                kinds.merge(kind, 1, Integer::sum);
            }
        }
        java.util.Map<String, Integer> connections = new java.util.TreeMap<>();
        Process ss = new ProcessBuilder("ss", "-tanp").redirectErrorStream(true).start();
        String pidTag = "pid=" + pid + ",";
        for (String line : new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.contains(pidTag)) continue;
            String[] f = line.trim().split("\s+");
            if (f.length < 5) continue;
            // Bytes waiting in either queue mark a connection in the middle of a transfer, not idle in a pool.
            boolean queued = !"0".equals(f[1]) || !"0".equals(f[2]);
            connections.merge(f[0] + " to :" + f[4].substring(f[4].lastIndexOf(':') + 1) + (queued ? " queued" : ""),
                    1, Integer::sum);
        }
        ss.waitFor();
        return "descriptors " + kinds + "; TCP " + connections;
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
