package io.granary.datanode;

import io.granary.datanode.segment.LegacyShards;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Small shard files of the one-file-per-shard layout, offered to the compactor for migration into
 * segments. A file is read whole and its frames verified; a corrupt one stays a file, where scrub finds it.
 */
final class LegacyFileShards implements LegacyShards {
    private final ShardPaths paths;
    private final long threshold;
    private final LocalShardStore store;

    LegacyFileShards(ShardPaths paths, long threshold, LocalShardStore store) {
        this.paths = paths;
        this.threshold = threshold;
        this.store = store;
    }

    @Override
    public List<Small> small(String after, int limit) throws IOException {
        List<Small> out = new ArrayList<>();
        ShardId cursor = after == null ? null : ShardId.parse(after);
        while (out.isEmpty()) {
            List<ShardInfo> page = paths.list(cursor, limit);
            for (ShardInfo info : page) {
                if (info.length() > threshold) continue;
                out.add(new Small(info.id().value(), info.committedAt().toEpochMilli()));
            }
            if (page.size() < limit) break;
            cursor = page.get(page.size() - 1).id();
        }
        return out;
    }

    @Override
    public ByteBuffer read(String shardId) throws IOException {
        Path file = paths.shardFile(ShardId.parse(shardId));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer frames = ByteBuffer.allocate((int) channel.size());
            FrameLayout.readFully(channel, frames, 0);
            FrameVerifier verifier = new FrameVerifier();
            verifier.update(frames.duplicate().flip());
            verifier.finish();
            return frames.flip();
        } catch (NoSuchFileException gone) {
            return null;
        } catch (ShardStoreException corrupt) {
            return null;
        }
    }

    @Override
    public void remove(String shardId) throws IOException {
        Path file = paths.shardFile(ShardId.parse(shardId));
        long length = Files.size(file);
        Files.delete(file);
        LocalShardStore.fsyncDirectory(file.getParent());
        store.legacyRemoved(length);
    }
}
