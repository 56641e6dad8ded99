package io.granary.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @Test
    void createsAMissingDirectoryOwnerOnly(@TempDir Path root) throws Exception {
        Path dir = root.resolve("a/b/data");
        DataDirectory.secure(dir);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void tightensADirectoryOthersCanRead(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectory(root.resolve("data"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        DataDirectory.secure(dir);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void leavesAnOwnerOnlyDirectoryAsItIs(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectory(root.resolve("data"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        DataDirectory.secure(dir);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }
}
