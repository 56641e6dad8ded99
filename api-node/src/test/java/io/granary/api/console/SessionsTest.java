package io.granary.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.StepClock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionsTest {
    private final StepClock clock = new StepClock();
    private final Sessions sessions = new Sessions(clock, Duration.ofMinutes(30), Duration.ofHours(12));

    @Test
    void idsAndCsrfTokensAreLongAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            ConsoleSession s = sessions.open("AK", "secret", false);
            assertEquals(43, s.id().length(), "256 bits, base64url");
            assertNotEquals(s.id(), s.csrfToken());
            assertTrue(seen.add(s.id()) && seen.add(s.csrfToken()));
        }
    }

    @Test
    void useKeepsASessionAliveUntilItIdlesOut() {
        ConsoleSession s = sessions.open("AK", "secret", true);
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.use(s.id()).isPresent());
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.use(s.id()).isPresent(), "each use restarts the idle limit");
        clock.advance(Duration.ofMinutes(31));
        assertFalse(sessions.use(s.id()).isPresent());
        assertFalse(sessions.isOpen(s));
    }

    @Test
    void noSessionOutlivesItsLifetimeHoweverBusy() {
        ConsoleSession s = sessions.open("AK", "secret", true);
        for (int i = 0; i < 24; i++) {
            clock.advance(Duration.ofMinutes(29));
            sessions.use(s.id());
        }
        assertEquals(12 * 3600 - 24 * 29 * 60, sessions.cookieMaxAgeSeconds(s));
        clock.advance(Duration.ofMinutes(29));
        assertFalse(sessions.use(s.id()).isPresent(), "12 h after login it ends");
    }

    @Test
    void closeAndSweepDropSessions() {
        ConsoleSession closed = sessions.open("AK", "secret", false);
        ConsoleSession stale = sessions.open("AK", "secret", false);
        sessions.close(closed.id());
        assertFalse(sessions.use(closed.id()).isPresent());
        assertFalse(sessions.use(null).isPresent());
        clock.advance(Duration.ofHours(1));
        ConsoleSession fresh = sessions.open("AK", "secret", false);
        sessions.sweep();
        assertEquals(1, sessions.size());
        assertFalse(sessions.isOpen(stale));
        assertTrue(sessions.isOpen(fresh));
    }

    @Test
    void theSecretNeverAppearsInTheSessionsText() {
        assertFalse(sessions.open("AK", "s3cr3t-value", true).toString().contains("s3cr3t-value"));
    }
}
