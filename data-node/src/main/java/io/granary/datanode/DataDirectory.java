package io.granary.datanode;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's data directory (the API node's, a data node's) is the owner's alone (issue 17): created {@code 0700};
 * one that group or others may enter is tightened to {@code 0700} with a warning, and when that fails (another
 * owner, a read-only mount) the node refuses to start and says what to run, as PostgreSQL does. Everything below
 * it (metadata, shard files, secrets) is then out of other users' reach whatever its own mode; the secret files
 * are also {@code 0600} themselves. On a file system without POSIX modes nothing is checked.
 */
public final class DataDirectory {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);

    private DataDirectory() {
    }

    /**
     * Creates {@code dir} (and missing parents) owner-only, or tightens it.
     *
     * @throws IllegalStateException when others can reach it and its mode cannot be changed
     */
    public static void secure(Path dir) throws IOException {
        boolean posix = Files.getFileStore(existingAncestor(dir)).supportsFileAttributeView(
                PosixFileAttributeView.class);
        if (!posix) {
            Files.createDirectories(dir);
            return;
        }
        if (!Files.exists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
        if (OWNER_ONLY.containsAll(mode)) return;
        String was = PosixFilePermissions.toString(mode);
        try {
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
        } catch (FileSystemException e) {
            throw new IllegalStateException("data directory " + dir + " has mode " + was + ": other users can "
                    + "read it and it cannot be changed (" + e.getMessage() + "). Fix it with: chmod 700 " + dir
                    + " (as its owner), then start again.", e);
        }
        LOG.warn("data directory {} had mode {}, which lets other users read it; tightened it to rwx------",
                dir, was);
    }

    private static Path existingAncestor(Path dir) {
        Path at = dir.toAbsolutePath();
        while (!Files.exists(at)) at = at.getParent();
        return at;
    }
}
