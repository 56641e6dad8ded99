package io.granary.datanode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataDirectoryTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "a missing directory is created owner-only, a/b/data, ",
        "one others can read is tightened, data, rwxr-xr-x",
        "one group can enter is tightened, data, rwx--x---",
        "an owner-only one stays as it is, data, rwx------"})
    void leavesTheDataDirectoryOwnerOnly(String name, String path, String modeBefore, @TempDir Path root)
            throws Exception {
        Path dir = root.resolve(path);
        if (modeBefore != null) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(modeBefore));
        }
        DataDirectory.secure(dir);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }
}
