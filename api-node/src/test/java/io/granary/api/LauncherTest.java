package io.granary.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class LauncherTest {

    @Test
    void helpSucceeds() {
        assertEquals(0, Launcher.execute("--help"));
    }

    @Test
    void versionSucceeds() {
        assertEquals(0, Launcher.execute("version"));
    }

    @Test
    void missingOrUnknownRoleFails() {
        assertNotEquals(0, Launcher.execute());
        assertNotEquals(0, Launcher.execute("no-such-role"));
    }
}
