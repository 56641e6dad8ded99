package io.granary.api.cli.admin;

import io.granary.api.heal.JobProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;

/**
 * {@code --wait}: polls a background pass about every second until it stops running, showing each poll,
 * then prints its verdict. The exit code is 0 only for a clean pass (done, no shard failed), 1 otherwise.
 */
final class PassWatcher {
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    /** Fetches the pass's progress. */
    interface Poll {
        JobProgress poll() throws AdminCliException;
    }

    /** Waits between polls ({@code Thread::sleep} in production). */
    interface Pause {
        void sleep(long millis) throws InterruptedException;
    }

    private PassWatcher() {
    }

    /** Follows pass {@code pass} on the server from {@code started}, as {@code --wait} does. */
    static int follow(AdminClient client, String pass, JobProgress started, PrintWriter out, PrintWriter err)
            throws AdminCliException, InterruptedException {
        return watch(started, () -> AdminCommand.progress(client, client.get(pass, Map.of())),
                AdminCommand.progressView(out), Thread::sleep, out, err);
    }

    /**
     * @param first the progress the start request answered with
     * @param out   where the verdict of a clean pass goes; any other verdict goes to {@code err}
     */
    static int watch(JobProgress first, Poll poll, ProgressView view, Pause pause, PrintWriter out,
            PrintWriter err) throws AdminCliException, InterruptedException {
        JobProgress progress = first;
        try (view) {
            view.show(progress);
            while (progress.state() == JobProgress.State.RUNNING) {
                pause.sleep(POLL_INTERVAL.toMillis());
                progress = poll.poll();
                view.show(progress);
            }
        }
        (progress.clean() ? out : err).println(ProgressView.verdict(progress));
        return progress.clean() ? 0 : 1;
    }
}
