package io.granary.datanode;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Refuses a second delivery of any signed request in this node incarnation, in constant memory per sender
 * and without a cap on throughput. Every sender (an API node process, named by its random session id) numbers
 * its requests with a counter; like IPsec's anti-replay window, the guard keeps the highest counter seen per
 * session and a bitmap of the {@value #WINDOW} counters below it. A counter seen before, or older than the
 * window, is refused. Requests are numbered when their connection is ready, so they arrive nearly in order
 * and the window only has to absorb the reordering between a pool's connections.
 *
 * <p>A session whose newest admitted request is older than the acceptance window is forgotten: a replay of
 * any of its requests is refused by the time check. After a restart the node has a new incarnation, which
 * every request signs, so nothing signed for the old one is accepted and an empty guard is safe.
 */
final class ReplayGuard {
    static final int WINDOW = 1 << 16;
    /** More live senders than this is not a cluster but an attack with the cluster key; fail closed. */
    private static final int MAX_SESSIONS = 4096;

    private final long windowMillis;
    private final Map<String, Session> sessions = new HashMap<>();
    private long nextSweepMillis;

    /** @param windowMillis how long after its timestamp a request can still be accepted */
    ReplayGuard(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    /** Outcome of {@link #admit}. */
    enum Verdict { FRESH, REPLAYED, TOO_OLD, FULL }

    synchronized Verdict admit(String session, long counter, long timestampMillis, long nowMillis) {
        if (nowMillis >= nextSweepMillis) sweep(nowMillis);
        Session state = sessions.get(session);
        if (state == null) {
            if (sessions.size() >= MAX_SESSIONS) return Verdict.FULL;
            state = new Session(counter);
            sessions.put(session, state);
        }
        Verdict verdict = state.admit(counter);
        if (verdict == Verdict.FRESH) state.newestMillis = Math.max(state.newestMillis, timestampMillis);
        return verdict;
    }

    private void sweep(long nowMillis) {
        for (Iterator<Session> it = sessions.values().iterator(); it.hasNext();) {
            if (it.next().newestMillis + windowMillis < nowMillis) it.remove();
        }
        nextSweepMillis = nowMillis + windowMillis;
    }

    /** One sender's window: bit {@code c % WINDOW} is set when counter {@code c} was admitted. */
    private static final class Session {
        private final BitSet seen = new BitSet(WINDOW);
        private long highest;
        private long newestMillis = Long.MIN_VALUE / 2;

        Session(long first) {
            highest = first - 1;
        }

        Verdict admit(long counter) {
            if (counter > highest) {
                if (counter - highest >= WINDOW) {
                    seen.clear();
                } else {
                    for (long c = highest + 1; c <= counter; c++) seen.clear(slot(c));
                }
                highest = counter;
                seen.set(slot(counter));
                return Verdict.FRESH;
            }
            if (highest - counter >= WINDOW) return Verdict.TOO_OLD;
            if (seen.get(slot(counter))) return Verdict.REPLAYED;
            seen.set(slot(counter));
            return Verdict.FRESH;
        }

        private static int slot(long counter) {
            return (int) Math.floorMod(counter, (long) WINDOW);
        }
    }
}
