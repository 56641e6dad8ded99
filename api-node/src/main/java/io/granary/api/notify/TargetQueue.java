package io.granary.api.notify;

import io.granary.iam.WebhookTarget;
import io.granary.metadata.model.ObjectEvent;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the delivery worker holds for one target: a window of its queue read from the outbox (by sequence), which
 * of those are in flight or waiting to be retried, the acknowledgements not yet written, and the figures status
 * reports. Confined to the worker's context.
 */
final class TargetQueue {
    /** Events held at most; the next page is read once fewer than half are left. */
    static final int HELD = 512;

    /** One held event. */
    static final class Held {
        final long sequence;
        final ObjectEvent event;
        /** Bucket and key: one key's events go in order. */
        final String key;
        boolean sending;

        Held(long sequence, ObjectEvent event) {
            this.sequence = sequence;
            this.event = event;
            this.key = event.bucket() + "/" + event.key();
        }
    }

    /** The target as last looked up, and what signing for it needs, kept for a second (secrets expire). */
    record Signing(WebhookTarget target, URI url, List<String> secrets, long untilMillis) {
    }

    /** The target's queue as last counted in the store (a walk): waiting events, dead letters, the oldest's time. */
    record Figures(long queued, long failed, long oldestMillis) {
    }

    final String arn;
    final TreeMap<Long, Held> held = new TreeMap<>();
    final List<Long> acknowledged = new ArrayList<>();
    /** The last sequence read into {@link #held}. */
    long readAfter = -1;
    boolean reading;
    boolean readScheduled;
    long lastReadMillis;
    boolean flushing;
    boolean flushScheduled;
    /** The outbox had nothing more at the last read, and nothing was appended since. */
    boolean drained;
    /** Something was appended since the running read began. */
    boolean appendedSinceRead;
    int inFlight;
    /** Retryable failures in a row: the target is paused for their backoff, then probed one event at a time. */
    int failures;
    long pausedUntilMillis;
    long timer = -1;
    long timerAt = Long.MAX_VALUE;
    long delivered;
    Figures figures = new Figures(0, 0, 0);
    long figuresDueMillis;
    Signing signing;
    String lastError;
    long lastErrorMillis;

    final Runnable countDelivered;
    final Runnable countRetried;
    final Runnable countFailed;

    TargetQueue(String arn, Runnable countDelivered, Runnable countRetried, Runnable countFailed) {
        this.arn = arn;
        this.countDelivered = countDelivered;
        this.countRetried = countRetried;
        this.countFailed = countFailed;
    }

    boolean wantsRead() {
        return !drained && !reading && held.size() < HELD / 2;
    }

    /**
     * The held events to send now, oldest first, at most {@code slots}: an event waits while an earlier event of
     * its key is held (in flight, or not yet taken after a failure), so each key's events arrive in order.
     */
    List<Held> due(int slots) {
        List<Held> due = new ArrayList<>();
        Set<String> blocked = new HashSet<>();
        for (Held event : held.values()) {
            if (due.size() >= slots) break;
            if (blocked.add(event.key) && !event.sending) due.add(event);
        }
        return due;
    }
}
