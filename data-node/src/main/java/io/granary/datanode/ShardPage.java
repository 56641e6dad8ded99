package io.granary.datanode;

import java.util.List;

/**
 * One page of a shard listing in id order. {@code next} is the cursor to pass as {@code after} for the
 * following page, or null when the listing is complete.
 */
public record ShardPage(List<ShardInfo> shards, ShardId next) {
    public ShardPage {
        shards = List.copyOf(shards);
    }
}
