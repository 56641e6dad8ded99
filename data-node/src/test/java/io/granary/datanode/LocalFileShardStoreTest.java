package io.granary.datanode;

import static io.granary.datanode.TestShards.await;

/** The shard store contract on a local disk with every shard a file of its own (no segment threshold). */
class LocalFileShardStoreTest extends ShardStoreContract {

    @Override
    ShardStore createStore() {
        return await(LocalShardStore.open(vertx, root, disk, LocalShardStore.Options.FILES));
    }
}
