package io.granary.api.cluster;

import io.granary.api.async.AsyncMetadata;
import io.granary.datanode.ShardStore;
import io.vertx.core.Future;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes to the set of data nodes made at run time, kept in the metadata store so that a restart with
 * the same command line sees them: nodes added by a replacement (ids past the operator's list) and
 * nodes retired. The operator's {@code --data-nodes} list stays the source of node-1..n and their URLs.
 */
public final class Membership {
    private static final Logger LOG = LoggerFactory.getLogger(Membership.class);
    private static final ClusterRecord<Members> RECORD = ClusterRecord.v1("membership", Members.class);

    private final AsyncMetadata metadata;
    private final NodeSet nodes;
    private final Function<URI, ShardStore> connect;

    /** One node as stored. */
    record Member(String id, String location, boolean retired) {
    }

    /** The stored membership. */
    record Members(List<Member> nodes) {
    }

    /** @param connect opens a store for a data node's URL; null when the node set cannot grow (embedded) */
    public Membership(AsyncMetadata metadata, NodeSet nodes, Function<URI, ShardStore> connect) {
        this.metadata = metadata;
        this.nodes = nodes;
        this.connect = connect;
    }

    public NodeSet nodes() {
        return nodes;
    }

    /** At startup, before serving: re-adds stored nodes missing from the operator's list and re-retires. */
    public void restore() {
        Members stored = RECORD.read(metadata.blocking()).orElse(null);
        if (stored == null) return;
        for (Member member : stored.nodes()) {
            if (nodes.store(member.id()) == null) {
                if (connect == null) {
                    LOG.warn("data node {} ({}) was added at run time but this server cannot reach remote nodes",
                            member.id(), member.location());
                    continue;
                }
                nodes.add(member.id(), connect.apply(URI.create(member.location())));
            }
            if (member.retired()) nodes.retire(member.id());
        }
    }

    /**
     * Adds the data node at {@code with} under a new id and retires {@code old}, durably. The new node must
     * answer a health check first.
     *
     * @return the new node's id
     */
    public Future<String> replace(String old, URI with) {
        if (connect == null) {
            return Future.failedFuture(new IllegalArgumentException("the embedded server's data nodes are "
                    + "directories: replace the disk, keep the directory, and run a heal"));
        }
        if (nodes.store(old) == null) return Future.failedFuture(new IllegalArgumentException("no data node " + old));
        if (nodes.isRetired(old)) {
            return Future.failedFuture(new IllegalArgumentException("data node " + old + " is already retired"));
        }
        for (String id : nodes.ids()) {
            if (nodes.store(id).location().equals(with.toString())) {
                return Future.failedFuture(new IllegalArgumentException(with + " is already data node " + id));
            }
        }
        ShardStore store = connect.apply(with);
        return store.health().recover(e -> Future.failedFuture(new IllegalArgumentException(
                "data node " + with + " does not answer: " + e.getMessage()))).compose(health -> {
                    String id = nextId();
                    nodes.add(id, store);
                    nodes.recordHealth(id, health);
                    nodes.retire(old);
                    return save().map(v -> {
                        LOG.info("data node {} retired; its shards move to the others, {} ({}) joins", old, id, with);
                        return id;
                    });
                });
    }

    private synchronized String nextId() {
        int max = 0;
        for (String id : nodes.ids()) {
            if (id.startsWith(NodeSet.PREFIX)) {
                max = Math.max(max, Integer.parseInt(id.substring(NodeSet.PREFIX.length())));
            }
        }
        return NodeSet.PREFIX + (max + 1);
    }

    private Future<Void> save() {
        List<Member> members = new ArrayList<>();
        for (String id : nodes.ids()) {
            members.add(new Member(id, nodes.store(id).location(), nodes.isRetired(id)));
        }
        return metadata.call(store -> {
            RECORD.write(store, new Members(members));
            return null;
        });
    }
}
