package io.granary.datanode.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/** The file shards of the layout before segments, as the {@link Compactor} migrates the small ones. */
public interface LegacyShards {

    /** A file shard small enough for a segment. */
    record Small(String shardId, long committedMillis) {
    }

    /** Up to {@code limit} small file shards with ids after {@code after} (null: from the start), in id order. */
    List<Small> small(String after, int limit) throws IOException;

    /** The shard's frames, verified; null if it is gone or corrupt (then it stays a file for scrub to find). */
    ByteBuffer read(String shardId) throws IOException;

    /** Removes the file once its record is durable in a segment. */
    void remove(String shardId) throws IOException;
}
