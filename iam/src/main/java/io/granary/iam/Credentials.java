package io.granary.iam;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.granary.iam.policy.RequestPrincipal;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves long-term access key ids to identities for request authentication, from the mirror and a
 * bounded cache of decrypted secrets (no store read, no AES-GCM on the hot path). Cache entries are
 * tagged with the {@link Directory#generation()} they were built at, so any IAM change (a key
 * disabled, a user renamed or deleted) is seen by the next lookup without locking. Also keeps each
 * key's last use, in memory.
 */
final class Credentials {
    private static final int CACHE_CAPACITY = 10_000;

    /** A resolved key, valid while the directory is at {@code generation} and until {@code validUntil}. */
    private record Cached(Identity identity, long generation, long validUntil) {
    }

    private final Directory dir;
    private final SecretCipher cipher;
    private final RootCredentials root;
    private final Clock clock;
    private final Cache<String, Cached> cache = Caffeine.newBuilder().maximumSize(CACHE_CAPACITY).build();
    private final Map<String, AccessKeyLastUsed> lastUsed = new ConcurrentHashMap<>();

    Credentials(Directory dir, SecretCipher cipher, RootCredentials root, Clock clock) {
        this.dir = dir;
        this.cipher = cipher;
        this.root = root;
        this.clock = clock;
    }

    /**
     * The identity of a usable key; empty for unknown, inactive and expired keys.
     *
     * @throws IamException SECRET_UNREADABLE if the stored secret cannot be decrypted
     */
    Optional<Identity> find(String accessKeyId) {
        long now = clock.millis();
        long generation = dir.generation();
        Cached cached = cache.getIfPresent(accessKeyId);
        if (cached == null || cached.generation() != generation) {
            cached = resolve(accessKeyId, generation);
            if (cached == null) return Optional.empty();
            cache.put(accessKeyId, cached);
        }
        return now < cached.validUntil() ? Optional.of(cached.identity()) : Optional.empty();
    }

    /**
     * Whether the configured root credentials ({@code GRANARY_ACCESS_KEY} or the generated file) are
     * the system account's root key: until its root key is first rotated, which stores the new one.
     */
    boolean configuredRootApplies() {
        String system = dir.systemAccountId();
        return dir.keys.stream().noneMatch(k -> k.isRootKey() && k.accountId().equals(system));
    }

    RootCredentials configuredRoot() {
        return root;
    }

    void recordUse(String accessKeyId, String service, String region, long epochMillis) {
        AccessKey key = dir.keys.get(accessKeyId).orElse(null);
        if (key == null) return;
        String userName = key.isRootKey() ? null : dir.users.get(key.userId()).map(User::name).orElse(null);
        lastUsed.put(accessKeyId, new AccessKeyLastUsed(userName, epochMillis, service, region));
    }

    AccessKeyLastUsed lastUsed(AccessKey key, String userName) {
        AccessKeyLastUsed used = lastUsed.get(key.accessKeyId());
        return used != null ? new AccessKeyLastUsed(userName, used.lastUsedEpochMillis(), used.serviceName(),
                used.region()) : new AccessKeyLastUsed(userName, 0, null, null);
    }

    void forget(String accessKeyId) {
        lastUsed.remove(accessKeyId);
        cache.invalidate(accessKeyId);
    }

    private Cached resolve(String accessKeyId, long generation) {
        if (accessKeyId.equals(root.accessKeyId()) && configuredRootApplies()) {
            return new Cached(Identity.longTerm(accessKeyId, root.secretKey(),
                    new RequestPrincipal.AccountRoot(dir.systemAccountId())), generation, Long.MAX_VALUE);
        }
        AccessKey key = dir.keys.get(accessKeyId).filter(k -> k.status() == AccessKey.Status.ACTIVE).orElse(null);
        if (key == null) return null;
        RequestPrincipal principal;
        if (key.isRootKey()) {
            if (dir.accounts.get(key.accountId()).isEmpty()) return null;
            principal = new RequestPrincipal.AccountRoot(key.accountId());
        } else {
            User user = dir.users.get(key.userId()).orElse(null);
            if (user == null) return null;
            principal = new RequestPrincipal.User(user.accountId(), user.userId(), user.name(), user.path());
        }
        String secret = cipher.decrypt(key.encryptedSecret(), accessKeyId);
        long validUntil = key.expiresEpochMillis() == 0 ? Long.MAX_VALUE : key.expiresEpochMillis();
        return new Cached(Identity.longTerm(accessKeyId, secret, principal), generation, validUntil);
    }
}
