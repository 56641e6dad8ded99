package io.granary.api.cli.admin;

import io.granary.api.heal.JobProgress;
import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * Progress for logs and pipes: one line when the wait starts and then at most one every
 * {@link #INTERVAL_NANOS}, so a long heal writes a readable trail instead of a line per poll.
 */
final class PlainProgress implements ProgressView {
    static final long INTERVAL_NANOS = 5_000_000_000L;

    private final PrintWriter out;
    private final LongSupplier nanos;
    private long lastNanos;
    private boolean shown;

    /** @param nanos a monotonic clock ({@code System::nanoTime}) */
    PlainProgress(PrintWriter out, LongSupplier nanos) {
        this.out = out;
        this.nanos = nanos;
    }

    @Override
    public void show(JobProgress progress) {
        long now = nanos.getAsLong();
        if (shown && now - lastNanos < INTERVAL_NANOS) return;
        shown = true;
        lastNanos = now;
        out.println(ProgressView.line(progress));
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }
}
