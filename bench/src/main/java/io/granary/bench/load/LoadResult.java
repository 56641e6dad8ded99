package io.granary.bench.load;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The figures of one run, in the two forms the tool prints: a tab-separated row (stable columns, for scripts
 * and the side-by-side comparison) and an aligned human table. Server CPU is NaN when no server PID was given;
 * the load tool's own CPU is reported too, because on a small machine it shares the cores with the server.
 */
record LoadResult(String server, String op, long size, int clients, long ops, double seconds, long bytes,
                  Histogram latencyMicros, double serverCpuSeconds, double clientCpuSeconds) {

    private static final String[] COLUMNS = {"server", "op", "size", "clients", "ops", "seconds", "MiB/s",
        "ops/s", "p50_ms", "p99_ms", "server_cpu_s_per_GiB", "client_cpu_s_per_GiB"};
    private static final double MIB = 1 << 20;
    private static final double GIB = 1 << 30;

    static String tsvHeader() {
        return String.join("\t", COLUMNS);
    }

    String tsvRow() {
        return String.join("\t", cells());
    }

    /** Column names, then this run's row, each column as wide as its widest cell. */
    String humanTable() {
        String[] cells = cells();
        StringBuilder header = new StringBuilder();
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < COLUMNS.length; i++) {
            int width = Math.max(COLUMNS[i].length(), cells[i].length()) + 2;
            header.append(String.format("%-" + width + "s", COLUMNS[i]));
            row.append(String.format("%-" + width + "s", cells[i]));
        }
        return header.toString().stripTrailing() + System.lineSeparator() + row.toString().stripTrailing();
    }

    private String[] cells() {
        return new String[] {
            server, op, ByteSize.format(size), Integer.toString(clients), Long.toString(ops), fixed(seconds, 2),
            fixed(bytes / MIB / seconds, 1), fixed(ops / seconds, 1), millis(50), millis(99),
            perGiB(serverCpuSeconds), perGiB(clientCpuSeconds),
        };
    }

    private String perGiB(double cpuSeconds) {
        return Double.isNaN(cpuSeconds) || bytes == 0 ? "-" : fixed(cpuSeconds / (bytes / GIB), 2);
    }

    private String millis(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? "-"
                : fixed(latencyMicros.getValueAtPercentile(percentile) / 1000.0, 2);
    }

    private static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
