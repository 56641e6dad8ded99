package io.granary.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time (user + system) that a local process has used so far, from {@code /proc/PID/stat} (fields 14 and 15,
 * utime and stime, in clock ticks of {@code getconf CLK_TCK}). Read before and after a run, the difference is the
 * server's CPU cost of that run, threads and garbage collection included. Linux only.
 */
final class ProcessCpu {
    private static final int UTIME_AFTER_COMM = 11;
    private static final long DEFAULT_TICKS = 100;

    private final Path stat;
    private final long ticksPerSecond;

    ProcessCpu(long pid) {
        this.stat = Path.of("/proc", Long.toString(pid), "stat");
        this.ticksPerSecond = clockTicks();
    }

    /** CPU seconds used so far by all of {@code processes}; NaN when there are none. */
    static double total(List<ProcessCpu> processes) throws IOException {
        double sum = processes.isEmpty() ? Double.NaN : 0;
        for (ProcessCpu process : processes) sum += process.seconds();
        return sum;
    }

    double seconds() throws IOException {
        String line = Files.readString(stat, StandardCharsets.US_ASCII);
        // The command name (field 2) may contain spaces and parentheses; the fields after it are plain numbers.
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[UTIME_AFTER_COMM]) + Long.parseLong(fields[UTIME_AFTER_COMM + 1]);
        return (double) ticks / ticksPerSecond;
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : DEFAULT_TICKS;
        } catch (IOException | NumberFormatException e) {
            return DEFAULT_TICKS;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT_TICKS;
        }
    }
}
