package io.granary.api.cli.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.granary.api.heal.JobProgress;
import io.granary.api.heal.JobProgress.State;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import org.junit.jupiter.api.Test;

class PassWatcherTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<Long> sleeps = new ArrayList<>();
    private long nanos;

    private static JobProgress heal(State state, long scanned, long repaired, long failed, String error) {
        return new JobProgress("heal", state, null, 1_000, state == State.RUNNING ? 0 : 11_000, scanned, 100,
                scanned * 6, repaired + failed, repaired, failed, repaired * (1L << 20), 2.5 * (1 << 20),
                state == State.RUNNING ? 30 : -1, error);
    }

    /** Watches a pass whose polls answer {@code polls} in order, the clock moving 2 s per poll. */
    private int watch(JobProgress first, JobProgress... polls) throws Exception {
        Deque<JobProgress> left = new ArrayDeque<>(List.of(polls));
        PlainProgress view = new PlainProgress(new PrintWriter(out, true), () -> nanos);
        return PassWatcher.watch(first, left::removeFirst, view, millis -> {
            sleeps.add(millis);
            nanos += 2_000_000_000L;
        }, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void aCleanPassExitsZeroAfterPollingEverySecond() throws Exception {
        int exit = watch(heal(State.RUNNING, 0, 0, 0, null), heal(State.RUNNING, 10, 3, 0, null),
                heal(State.RUNNING, 20, 6, 0, null), heal(State.RUNNING, 60, 9, 0, null),
                heal(State.DONE, 100, 12, 0, null));
        assertEquals(0, exit);
        assertEquals(List.of(1000L, 1000L, 1000L, 1000L), sleeps);
        List<String> lines = out.toString().lines().toList();
        // The first poll, then at most one line per 5 s of clock (polls come every 2 s here), then the verdict.
        assertEquals("heal RUNNING: 0/100 objects, 0 shards rebuilt, 0.0 MiB, 2.5 MiB/s, ETA 30s", lines.get(0));
        assertEquals("heal RUNNING: 60/100 objects, 9 shards rebuilt, 9.0 MiB, 2.5 MiB/s, ETA 30s", lines.get(1));
        assertEquals("heal done: 100 objects scanned, 12 shards rebuilt, 12.0 MiB, 2.5 MiB/s in 10.0s", lines.get(2));
        assertEquals(3, lines.size(), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void aPassWithShardsItCouldNotRepairExitsOne() throws Exception {
        assertEquals(1, watch(heal(State.RUNNING, 0, 0, 0, null), heal(State.DONE, 100, 12, 2, null)));
        assertTrue(err.toString().startsWith("heal finished, but 2 shards failed: 100 objects scanned"),
                err.toString());
    }

    @Test
    void aFailedPassExitsOneWithItsReason() throws Exception {
        assertEquals(1, watch(heal(State.FAILED, 5, 0, 0, "metadata store closed")));
        assertEquals("heal failed: metadata store closed", err.toString().strip());
        assertTrue(sleeps.isEmpty(), "a pass that is not running is not polled");
    }

    @Test
    void aPassThatNeverStartedIsNotASuccess() throws Exception {
        assertEquals(1, watch(JobProgress.idle("scrub")));
        assertTrue(err.toString().contains("scrub is not running"), err.toString());
    }

    @Test
    void theTerminalBarShowsObjectsShardsBytesAndRate() {
        StringBuilder drawn = new StringBuilder();
        try (TerminalProgress bar = new TerminalProgress(new DelegatingProgressBarConsumer(drawn::append, 160))) {
            bar.show(heal(State.RUNNING, 40, 7, 0, null));
        }
        String text = drawn.toString();
        assertTrue(text.contains("heal"), text);
        assertTrue(text.contains("40/100"), text);
        assertTrue(text.contains("7 shards rebuilt, 7.0 MiB, 2.5 MiB/s, ETA 30s"), text);
    }

    @Test
    void progressAsTheServerWritesItParsesBack() throws Exception {
        JobProgress sent = heal(State.RUNNING, 40, 7, 1, "one node slow");
        AdminClient client = new AdminClient(URI.create("http://127.0.0.1:1"), new RequestSigner("a", "b", "r"),
                Clock.systemUTC());
        String json = new ObjectMapper().writeValueAsString(sent);
        assertEquals(sent, AdminCommand.progress(client, client.json().readTree(json)));
        AdminCliException e = assertThrows(AdminCliException.class,
                () -> AdminCommand.progress(client, client.json().readTree("{\"state\":\"SLEEPING\"}")));
        assertTrue(e.getMessage().startsWith("the server's progress report is not one"), e.getMessage());
    }
}
