package io.granary.iam.sigv4;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Derived signing keys per (access key, date, region, service), so that verifying a request costs one HMAC of
 * the string to sign instead of five. Bounded: when full, an arbitrary entry is dropped (keys are cheap to
 * re-derive, and dates roll daily). An entry remembers the secret it was derived from, so a rotated secret is
 * never served a stale key. Thread-safe.
 */
public final class SigningKeyCache {
    private final int maxEntries;
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();

    private record Key(String accessKeyId, String date, String region, String service) {
    }

    private record Entry(String secret, byte[] signingKey) {
    }

    public SigningKeyCache(int maxEntries) {
        if (maxEntries < 1) throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        this.maxEntries = maxEntries;
    }

    /** The signing key of {@code credential} for {@code scope}; the returned array must not be modified. */
    public byte[] signingKey(Credential credential, CredentialScope scope) {
        Key key = new Key(credential.accessKeyId(), scope.date(), scope.region(), scope.service());
        Entry entry = entries.get(key);
        if (entry != null && entry.secret().equals(credential.secretKey())) return entry.signingKey();
        byte[] derived = SigV4Signing.signingKey(credential.secretKey(), scope.date(), scope.region(),
                scope.service());
        if (entries.size() >= maxEntries) evictOne();
        entries.put(key, new Entry(credential.secretKey(), derived));
        return derived;
    }

    /** Number of cached keys (for tests and metrics). */
    public int size() {
        return entries.size();
    }

    private void evictOne() {
        Iterator<Key> it = entries.keySet().iterator();
        if (it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
