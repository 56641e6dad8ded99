package io.granary.api.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sessions, in memory (a restart logs everyone out, which is the safe direction). A
 * session ends on logout, after {@code idle} without a request, or {@code lifetime} after login,
 * whichever comes first. Ids and CSRF tokens are 256 random bits from {@link SecureRandom}.
 */
final class Sessions {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, ConsoleSession> byId = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idle;
    private final Duration lifetime;

    Sessions(Clock clock, Duration idle, Duration lifetime) {
        this.clock = clock;
        this.idle = idle;
        this.lifetime = lifetime;
    }

    ConsoleSession open(String accessKeyId, String secretKey, boolean admin) {
        long now = clock.millis();
        ConsoleSession session = new ConsoleSession(token(), accessKeyId, secretKey, token(), admin, now, now);
        byId.put(session.id(), session);
        return session;
    }

    /** The live session of {@code id}, marked used now; an expired one is dropped. */
    Optional<ConsoleSession> use(String id) {
        if (id == null) return Optional.empty();
        long now = clock.millis();
        ConsoleSession found = byId.computeIfPresent(id, (k, s) -> expired(s, now) ? null : s.used(now));
        return Optional.ofNullable(found);
    }

    /** Whether {@code session} is still open (not logged out, not expired), without marking it used. */
    boolean isOpen(ConsoleSession session) {
        ConsoleSession current = byId.get(session.id());
        return current != null && !expired(current, clock.millis());
    }

    void close(String id) {
        byId.remove(id);
    }

    /** Drops every expired session (run periodically, so abandoned ones do not accumulate). */
    void sweep() {
        long now = clock.millis();
        byId.values().removeIf(s -> expired(s, now));
    }

    /** Seconds the cookie should live: the lifetime left, the idle limit being enforced here. */
    long cookieMaxAgeSeconds(ConsoleSession session) {
        return Math.max(0, (session.createdMillis() + lifetime.toMillis() - clock.millis()) / 1000);
    }

    int size() {
        return byId.size();
    }

    private boolean expired(ConsoleSession s, long now) {
        return now - s.lastUsedMillis() > idle.toMillis() || now - s.createdMillis() > lifetime.toMillis();
    }

    private static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
