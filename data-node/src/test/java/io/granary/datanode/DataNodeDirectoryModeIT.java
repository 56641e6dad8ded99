package io.granary.datanode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code granary data-node} makes its data directory the owner's alone, as the API node does. */
@Timeout(60)
class DataNodeDirectoryModeIT {
    @TempDir
    Path root;

    @Test
    void aDataDirectoryOthersCanReadIsTightenedAtStartAndANewOneIsMadePrivate() throws Exception {
        Path secret = DataNodeProcess.writeSecret(root.resolve("secret"), "directory-mode-test-secret");
        Path open = Files.createDirectory(root.resolve("open"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path fresh = root.resolve("fresh");
        try (DataNodeProcess a = DataNodeProcess.start(open, secret, root.resolve("a.log"));
             DataNodeProcess b = DataNodeProcess.start(fresh, secret, root.resolve("b.log"))) {
            assertTrue(a.port() > 0 && b.port() > 0);
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(open)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
        }
    }
}
