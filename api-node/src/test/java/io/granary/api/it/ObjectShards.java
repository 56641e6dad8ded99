package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.granary.erasure.ChunkFrame;
import io.granary.erasure.CorruptChunkException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The six shard files of one object on the embedded server, by shard index, with the node each lives on,
 * and one kind of damage: a payload byte of the first frame flipped, with the frame's CRC32C left stale
 * (the data node sees it) or recomputed (only an end-to-end checksum can see it). {@link #restore} puts
 * the files back as written.
 */
final class ObjectShards {
    private static final Pattern SHARD_NAME = Pattern.compile("[0-9a-z]{26}-(\\d{2})");

    private final Path dataDir;
    private final TreeMap<Integer, Path> files;
    private final TreeMap<Integer, byte[]> originals = new TreeMap<>();

    private ObjectShards(Path dataDir, TreeMap<Integer, Path> files) {
        this.dataDir = dataDir;
        this.files = files;
    }

    /** The shard files among {@code created} (the files one PUT created). */
    static ObjectShards of(Path dataDir, Set<Path> created) throws IOException {
        TreeMap<Integer, Path> files = new TreeMap<>();
        for (Path file : created) {
            Matcher name = SHARD_NAME.matcher(file.getFileName().toString());
            if (name.matches()) files.put(Integer.parseInt(name.group(1)), file);
        }
        assertEquals(ShardFiles.NODES, files.size(), "six shard files in " + created);
        ObjectShards shards = new ObjectShards(dataDir, files);
        for (var entry : files.entrySet()) shards.originals.put(entry.getKey(), Files.readAllBytes(entry.getValue()));
        return shards;
    }

    /** The node ({@code node-N}) holding shard {@code index}. */
    String node(int index) {
        return dataDir.relativize(files.get(index)).getName(0).toString();
    }

    /** Flips a payload byte of shard {@code index}'s first frame; with {@code fixCrc} the frame stays valid. */
    void flipPayloadByte(int index, boolean fixCrc) throws IOException {
        try (FileChannel channel = FileChannel.open(files.get(index), StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(ChunkFrame.HEADER_SIZE);
            channel.read(header, 0);
            int payload = ChunkFrame.payloadLength(header.flip());
            ByteBuffer frame = ByteBuffer.allocate(ChunkFrame.frameSize(payload));
            channel.read(frame, 0);
            int at = ChunkFrame.HEADER_SIZE + payload / 2;
            frame.put(at, (byte) (frame.get(at) ^ 0x5a));
            if (fixCrc) ChunkFrame.writeHeader(frame.clear(), payload);
            channel.write(frame.clear(), 0);
        } catch (CorruptChunkException e) {
            throw new IOException(e);
        }
    }

    /** Writes every shard file back as it was when located. */
    void restore() throws IOException {
        for (var entry : originals.entrySet()) Files.write(files.get(entry.getKey()), entry.getValue());
    }
}
