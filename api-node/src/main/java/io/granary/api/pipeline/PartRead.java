package io.granary.api.pipeline;

import io.granary.datanode.ShardStore;
import java.util.List;

/**
 * One part's share of a GET: where its shards live ({@code stores.get(i)} holds shard i, null when
 * that node is unknown or offline), the part's length, and the part bytes {@code first..last}
 * (inclusive) to deliver.
 */
public record PartRead(String shardSetId, List<ShardStore> stores, long partSize, long first, long last) {

    public PartRead {
        stores = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(stores));
    }
}
