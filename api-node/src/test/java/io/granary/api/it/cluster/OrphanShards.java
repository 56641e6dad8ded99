package io.granary.api.it.cluster;

import io.granary.datanode.ShardId;
import io.granary.metadata.MetadataOptions;
import io.granary.metadata.MetadataStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Committed shard files on the data nodes that no metadata record references: neither a part of a
 * current object nor a part of an open multipart upload (the API node's shard-set index answers). A crash
 * between the shard writes and the metadata commit leaves such files; the orphan collector must remove
 * them. Temp files of unfinished writes ({@code tmp/}) are not counted: a data node removes those itself
 * when it starts. Reads the API node's RocksDB directly, so the API node must be stopped.
 */
final class OrphanShards {

    private OrphanShards() {
    }

    /** The orphan shard files under {@code dataNodeDirs}, judged by the metadata under {@code apiNodeDir}. */
    static Set<Path> find(Path apiNodeDir, List<Path> dataNodeDirs) throws IOException {
        Set<Path> orphans = new TreeSet<>();
        try (MetadataStore metadata = MetadataStore.open(apiNodeDir.resolve("meta"), MetadataOptions.defaults())) {
            for (Path dir : dataNodeDirs) {
                for (Path shard : committedShards(dir)) {
                    String setId = ShardId.parse(shard.getFileName().toString()).setId();
                    if (metadata.objects().shardOwner(setId).isEmpty()) orphans.add(shard);
                }
            }
        }
        return orphans;
    }

    private static List<Path> committedShards(Path dataNodeDir) throws IOException {
        Path tmp = dataNodeDir.resolve("tmp");
        try (Stream<Path> files = Files.walk(dataNodeDir)) {
            return files.filter(Files::isRegularFile).filter(file -> !file.startsWith(tmp))
                    .filter(file -> ShardId.isValid(file.getFileName().toString())).toList();
        }
    }
}
