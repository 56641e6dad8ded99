package io.granary.datanode;

import static io.granary.datanode.TestShards.await;

/** The shard store contract on a local disk with every shard a file of its own (no segment threshold). */
class LocalFileShardStoreTest extends ShardStoreContract {

    @Override
    ShardStore createStore() {
        LocalShardStore.Options files = new LocalShardStore.Options(false, -1, 64L << 20, java.time.Duration.ZERO,
                32L << 20, 0.5);
        return await(LocalShardStore.open(vertx, root, disk, files));
    }
}
