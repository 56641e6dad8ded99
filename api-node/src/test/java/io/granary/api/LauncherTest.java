package io.granary.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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
    @Timeout(60)
    void startupFailureIsOneLineAndExitCodeOne(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.createFile(dir.resolve("file"));
        assertEquals(1, Launcher.execute("server", "--data-dir", notADirectory.toString(), "--listen",
                "127.0.0.1:0"));
    }

    @Test
    void missingOrUnknownRoleFails() {
        assertNotEquals(0, Launcher.execute());
        assertNotEquals(0, Launcher.execute("no-such-role"));
    }

    @Test
    void adminWithoutAnEndpointOrACommandIsAUsageError() {
        assertEquals(2, Launcher.execute("admin", "status"));
        assertEquals(2, Launcher.execute("admin", "--endpoint", "http://127.0.0.1:1"));
    }
}
