package io.granary.api.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.datanode.LocalShardStore;
import io.granary.datanode.ShardStore;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeSetTest {
    private final Vertx vertx = Vertx.vertx();
    private final WorkerExecutor disk = vertx.createSharedWorkerExecutor("test-disk", 2);
    @TempDir
    Path root;

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void retiredAndOfflineNodesTakeNoNewShardsButRetiredOnesStillServeReads() throws Exception {
        NodeSet nodes = new NodeSet(stores("node-1", "node-2", "node-3"));
        nodes.markOnline("node-2", false);
        nodes.retire("node-3");
        assertEquals(List.of("node-1"), nodes.onlineIds());
        assertNull(nodes.online("node-2"));
        assertSame(nodes.store("node-3"), nodes.online("node-3"));
        assertTrue(nodes.isRetired("node-3"));
        assertEquals(List.of("node-1", "node-2", "node-3"), nodes.ids());
        nodes.markOnline("node-2", true);
        assertEquals(List.of("node-1", "node-2"), nodes.onlineIds());
    }

    @Test
    void addedNodesJoinAtTheEndAndIdsAreUnique() throws Exception {
        NodeSet nodes = new NodeSet(stores("node-1"));
        ShardStore extra = store("node-7");
        nodes.add("node-7", extra);
        assertEquals(List.of("node-1", "node-7"), nodes.onlineIds());
        assertThrows(IllegalArgumentException.class, () -> nodes.add("node-7", extra));
        assertThrows(IllegalArgumentException.class, () -> nodes.retire("node-9"));
        assertFalse(nodes.isOnline(null));
    }

    private Map<String, ShardStore> stores(String... ids) throws Exception {
        Map<String, ShardStore> stores = new LinkedHashMap<>();
        for (String id : ids) {
            stores.put(id, store(id));
        }
        return stores;
    }

    private ShardStore store(String id) throws Exception {
        return LocalShardStore.open(vertx, root.resolve(id), disk).toCompletionStage().toCompletableFuture().get();
    }
}
