package io.granary.api.it.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** What every client of one soak saw: per-operation stats, wrong bytes and wrong listings. Thread-safe. */
final class SoakTally {
    private static final int KEPT = 5;

    private final Map<String, OpStats> ops = new ConcurrentSkipListMap<>();
    private final AtomicLong wrongBytes = new AtomicLong();
    private final AtomicLong wrongListings = new AtomicLong();
    private final List<String> firstWrong = new ArrayList<>();

    OpStats op(String name) {
        return ops.computeIfAbsent(name, OpStats::new);
    }

    List<OpStats> ops() {
        return List.copyOf(ops.values());
    }

    /** A read returned {@code bytes} bytes that are not the ones last written. */
    void wrongBytes(String what, long bytes) {
        wrongBytes.addAndGet(bytes);
        keep("wrong bytes: " + what);
    }

    void wrongListing(String what) {
        wrongListings.incrementAndGet();
        keep("wrong listing: " + what);
    }

    long wrongBytes() {
        return wrongBytes.get();
    }

    long wrongListings() {
        return wrongListings.get();
    }

    long errors() {
        return ops.values().stream().mapToLong(OpStats::errors).sum();
    }

    /** The first few wrong reads and failures, to say what went wrong. */
    synchronized List<String> examples() {
        List<String> all = new ArrayList<>(firstWrong);
        for (OpStats op : ops.values()) {
            for (String error : op.firstErrors()) all.add(op.name() + ": " + error);
        }
        return all;
    }

    /** Something the report should show (a diagnosis), not counted as an error. */
    synchronized void note(String what) {
        firstWrong.add(what);
    }

    private synchronized void keep(String what) {
        if (firstWrong.size() < KEPT) firstWrong.add(what);
    }
}
