package io.granary.api.pipeline;

import io.granary.datanode.ShardStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One part's share of a GET: where its shards live ({@code stores.get(i)} holds shard i, null when
 * that node is unknown or offline), the stores of nodes believed offline to try as a last resort when
 * the others are not enough ({@code lastResort.get(i)}, null elsewhere; a node just back may not have
 * been seen by a health check yet), the part's length, and the part bytes {@code first..last}
 * (inclusive) to deliver.
 */
public record PartRead(String shardSetId, List<ShardStore> stores, List<ShardStore> lastResort, long partSize,
                       long first, long last) {

    public PartRead {
        stores = Collections.unmodifiableList(new ArrayList<>(stores));
        lastResort = Collections.unmodifiableList(new ArrayList<>(lastResort));
        if (lastResort.size() != stores.size()) {
            throw new IllegalArgumentException("one last-resort entry per shard: " + lastResort.size() + " for "
                    + stores.size());
        }
    }

    /** A read from {@code stores} only, with no last resort (the recovery drill leaves nodes out on purpose). */
    public static PartRead only(String shardSetId, List<ShardStore> stores, long partSize, long first, long last) {
        return new PartRead(shardSetId, stores, Collections.nCopies(stores.size(), null), partSize, first, last);
    }
}
