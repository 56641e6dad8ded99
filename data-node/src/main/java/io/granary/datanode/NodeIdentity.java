package io.granary.datanode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Who a data node is, as every internal request names it: a node id kept in its data directory (so it
 * survives restarts and moves with the disk) and an incarnation drawn at every start. A request signed for
 * another node, or for this node before its last restart, is refused; the incarnation is what lets the
 * replay guard start empty after a restart.
 *
 * @param nodeId      {@value #ID_FILE} in the data directory, 32 hex digits
 * @param incarnation 32 random hex digits, new at every start
 */
public record NodeIdentity(String nodeId, String incarnation) {
    /** The target named by the one request a client sends before it knows the node: {@code GET /identity}. */
    public static final NodeIdentity UNKNOWN = new NodeIdentity("-", "-");
    static final String ID_FILE = "node-id";
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The node id stored under {@code dataDir} (created, durably, on first start) and a new incarnation. */
    public static NodeIdentity load(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(ID_FILE);
        if (!Files.exists(file)) {
            Path temp = dataDir.resolve(ID_FILE + ".new");
            Files.writeString(temp, randomHex() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            try {
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException raced) {
                // Another start won; its id stands.
            }
            Files.deleteIfExists(temp);
            LocalShardStore.fsyncDirectory(dataDir);
        }
        String id = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!HEX_ID.matcher(id).matches()) {
            throw new IOException(file + " does not hold a node id (32 hex digits); restore it or remove it");
        }
        return new NodeIdentity(id, randomHex());
    }

    /** A node that keeps no id on disk (tests, and data nodes embedded in one process). */
    public static NodeIdentity random() {
        return new NodeIdentity(randomHex(), randomHex());
    }

    static String randomHex() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
