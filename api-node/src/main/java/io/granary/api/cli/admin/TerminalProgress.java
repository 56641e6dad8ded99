package io.granary.api.cli.admin;

import io.granary.api.heal.JobProgress;
import java.time.Duration;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * The live progress bar on a terminal: objects scanned out of the total as the bar, and shards
 * rebuilt, bytes, MiB/s and the server's ETA beside it. The bar is built on the first poll, when the
 * pass's name and total are known.
 */
final class TerminalProgress implements ProgressView {
    private final ProgressBarConsumer consumer;
    private ProgressBar bar;
    private volatile JobProgress latest;

    /** @param consumer where the bar is drawn, or null for the terminal (standard error) */
    TerminalProgress(ProgressBarConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public void show(JobProgress progress) {
        latest = progress;
        if (bar == null) {
            ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(progress.kind()).setUnit(" objects", 1)
                    .setInitialMax(max(progress)).setUpdateIntervalMillis(250).setEtaFunction(state -> eta());
            if (consumer != null) builder.setConsumer(consumer);
            bar = builder.build();
        }
        bar.maxHint(max(progress));
        bar.stepTo(progress.objectsScanned());
        bar.setExtraMessage(ProgressView.figures(progress));
    }

    private Optional<Duration> eta() {
        JobProgress progress = latest;
        return progress == null || progress.etaSeconds() < 0 ? Optional.empty()
                : Optional.of(Duration.ofSeconds(progress.etaSeconds()));
    }

    /** An unknown total (0 while counting) draws an indefinite bar. */
    private static long max(JobProgress progress) {
        return progress.objectsTotal() > 0 ? progress.objectsTotal() : -1;
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
