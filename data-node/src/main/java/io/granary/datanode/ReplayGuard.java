package io.granary.datanode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the signatures of recent mutating requests until their timestamps leave the acceptance
 * window, so a captured PUT or DELETE cannot be replayed. Memory is bounded: at {@code capacity} live
 * entries it refuses new requests (fail closed) rather than forget one that might come back. Insertion
 * order approximates expiry order, so expired entries are dropped from the head.
 */
final class ReplayGuard {
    private final int capacity;
    private final Map<String, Long> expiryBySignature = new LinkedHashMap<>();

    ReplayGuard(int capacity) {
        this.capacity = capacity;
    }

    /** Outcome of {@link #admit}. */
    enum Verdict { FRESH, REPLAYED, FULL }

    synchronized Verdict admit(String signature, long expiresAtMillis, long nowMillis) {
        Iterator<Long> head = expiryBySignature.values().iterator();
        while (head.hasNext() && head.next() < nowMillis) head.remove();
        if (expiryBySignature.containsKey(signature)) return Verdict.REPLAYED;
        if (expiryBySignature.size() >= capacity) return Verdict.FULL;
        expiryBySignature.put(signature, expiresAtMillis);
        return Verdict.FRESH;
    }
}
