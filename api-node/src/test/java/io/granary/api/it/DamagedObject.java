package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One stored object and its six shard files on the embedded server's data nodes, with the damage a
 * test can do to them: delete a shard file, or flip one payload byte of one frame, and undo it all
 * from copies taken when the object was located. The frame arithmetic mirrors the default layout
 * (4+2, 1 MiB stripes, a 12-byte header before each chunk), which the files' lengths confirm.
 */
final class DamagedObject {
    private static final Pattern SHARD_NAME = Pattern.compile("([0-9a-z]{26})-(\\d{2})");
    private static final int DATA_SHARDS = 4;
    private static final int BLOCK = 1 << 20;
    private static final int HEADER = 12;
    private static final int FULL_FRAME = HEADER + BLOCK / DATA_SHARDS;

    private final String key;
    private final byte[] data;
    private final Path[] shards;
    private final byte[][] originals;
    private final List<String> damage = new ArrayList<>();

    private DamagedObject(String key, byte[] data, Path[] shards, byte[][] originals) {
        this.key = key;
        this.data = data;
        this.shards = shards;
        this.originals = originals;
    }

    /** Finds the object's six shard files among {@code created}, the files its PUT created. */
    static DamagedObject locate(String key, byte[] data, Set<Path> created) throws IOException {
        TreeMap<Integer, Path> byIndex = new TreeMap<>();
        String setId = null;
        for (Path file : created) {
            Matcher name = SHARD_NAME.matcher(file.getFileName().toString());
            if (!name.matches()) continue;
            if (setId != null && !setId.equals(name.group(1))) {
                throw new AssertionError("the PUT created shards of two sets: " + created);
            }
            setId = name.group(1);
            byIndex.put(Integer.parseInt(name.group(2)), file);
        }
        assertEquals(ShardFiles.NODES, byIndex.size(), "one shard file per index 00..05 in " + created);
        Path[] shards = new Path[ShardFiles.NODES];
        byte[][] originals = new byte[ShardFiles.NODES][];
        for (int i = 0; i < ShardFiles.NODES; i++) {
            shards[i] = byIndex.get(i);
            originals[i] = Files.readAllBytes(shards[i]);
        }
        DamagedObject object = new DamagedObject(key, data, shards, originals);
        assertEquals(object.expectedShardLength(), originals[0].length, "shard file length of " + key);
        return object;
    }

    String key() {
        return key;
    }

    byte[] data() {
        return data;
    }

    long stripes() {
        return (data.length + (long) BLOCK - 1) / BLOCK;
    }

    /** Deletes the shard files of the given indexes. */
    void remove(int... indexes) throws IOException {
        for (int index : indexes) {
            Files.delete(shards[index]);
            damage.add("shard " + index + " removed");
        }
    }

    /** Flips a byte in the middle of the payload of shard {@code index}'s frame of {@code stripe}. */
    void corrupt(int index, long stripe) throws IOException {
        long offset = stripe * FULL_FRAME + HEADER + chunkSize(stripe) / 2;
        try (FileChannel channel = FileChannel.open(shards[index], StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0x5a)).rewind();
            channel.write(one, offset);
        }
        damage.add("shard " + index + " corrupt in stripe " + stripe);
    }

    /** The bytes shard {@code index} was written with. */
    byte[] shardBytes(int index) {
        return originals[index].clone();
    }

    /** Whether shard {@code index}'s file holds exactly {@code expected} now. */
    boolean shardMatches(int index, byte[] expected) throws IOException {
        return Files.isRegularFile(shards[index]) && Arrays.equals(expected, Files.readAllBytes(shards[index]));
    }

    /** Puts every shard file back as it was written. */
    void restore() throws IOException {
        for (int i = 0; i < ShardFiles.NODES; i++) {
            Files.createDirectories(shards[i].getParent());
            Path temp = shards[i].resolveSibling(shards[i].getFileName() + ".restore");
            Files.write(temp, originals[i]);
            Files.move(temp, shards[i], StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        damage.clear();
    }

    String describe() {
        return key + " (" + data.length + " bytes) with "
                + (damage.isEmpty() ? "no damage" : String.join(", ", damage));
    }

    private int chunkSize(long stripe) {
        long stripeBytes = Math.min(BLOCK, data.length - stripe * BLOCK);
        return (int) ((stripeBytes + DATA_SHARDS - 1) / DATA_SHARDS);
    }

    private long expectedShardLength() {
        long stripes = stripes();
        return stripes == 0 ? 0 : (stripes - 1) * FULL_FRAME + HEADER + chunkSize(stripes - 1);
    }
}
