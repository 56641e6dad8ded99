package io.granary.api.pipeline;

import io.granary.api.async.Pools;
import io.granary.api.cluster.NodeSet;
import io.granary.api.crypto.BlockCipher;
import io.granary.api.crypto.CustomerKey;
import io.granary.api.crypto.SealedBlocks;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.placement.Placement;
import io.granary.datanode.ShardId;
import io.granary.datanode.ShardStore;
import io.granary.datanode.ShardStoreException;
import io.granary.datanode.ShardWriter;
import io.granary.erasure.ReedSolomon;
import io.granary.erasure.StripeLayout;
import io.granary.iam.checksum.ChecksumAlgorithm;
import io.granary.iam.sigv4.AuthResult;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.PartLayout;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.BitSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the striped writes and reads of shard sets: placement of a new set over the online nodes,
 * the six shard writers behind a {@link StripeWriter}, the {@link StripeReader} over an object's
 * parts, and best-effort deletion of a set. Holds the codec and the layout every object is written
 * with, and the write quorum.
 */
public final class ShardSetIo {
    private static final Logger LOG = LoggerFactory.getLogger(ShardSetIo.class);

    private final Pools pools;
    private final ReedSolomon codec;
    private final StripeLayout layout;
    private final NodeSet nodes;
    private final int writeQuorum;
    private final HeldMemory writeMemory = new HeldMemory();
    private final HeldMemory readMemory = new HeldMemory();
    private final SetsInFlight writing = new SetsInFlight();
    private final PartKeys keys;

    /** @param keys the data keys of parts encrypted at rest */
    public ShardSetIo(Pools pools, ReedSolomon codec, StripeLayout layout, NodeSet nodes, int writeQuorum,
            PartKeys keys) {
        if (writeQuorum < layout.dataShards() || writeQuorum > layout.totalShards()) {
            throw new IllegalArgumentException("write quorum must be between k=" + layout.dataShards() + " and "
                    + layout.totalShards());
        }
        this.pools = pools;
        this.codec = codec;
        this.layout = layout;
        this.nodes = nodes;
        this.writeQuorum = writeQuorum;
        this.keys = keys;
    }

    public StripeLayout layout() {
        return layout;
    }

    /** The stripes uploads hold in memory, for the metrics. */
    public HeldMemory writeMemory() {
        return writeMemory;
    }

    /** The shard bytes GETs hold in memory, for the metrics. */
    public HeldMemory readMemory() {
        return readMemory;
    }

    /**
     * The sets {@link #openWriter} placed whose writes are not settled: the writer's user calls
     * {@link SetsInFlight#remove} once the metadata commit succeeded or the write failed.
     */
    public SetsInFlight writing() {
        return writing;
    }

    /**
     * Places a new shard set and opens a writer for a payload of {@code size} decoded bytes, or of a
     * size known only at its end when {@code size} is negative. Fails with a 503 when fewer than the
     * write quorum of shards can be opened. The set is {@link #writing} until its user settles it.
     *
     * @param auth      how the body is signed, for the payload decoder
     * @param algorithm the checksum to compute besides MD5, or null
     * @param sse       the server-side encryption of the part, or null to store it in clear
     */
    public Future<StripeWriter> openWriter(AuthResult auth, ChecksumAlgorithm algorithm, long size,
            PartKeys.Request sse) {
        List<String> online = nodes.onlineIds();
        if (online.size() < writeQuorum) {
            return Future.failedFuture(S3Exception.of(S3Error.SERVICE_UNAVAILABLE, "Only " + online.size()
                    + " data nodes are online and have room; " + writeQuorum + " are needed to write."));
        }
        String setId = ShardId.randomSetId();
        writing.add(setId);
        return open(setId, online, auth, algorithm, size, sse).onFailure(e -> writing.remove(setId));
    }

    private Future<StripeWriter> open(String setId, List<String> online, AuthResult auth, ChecksumAlgorithm algorithm,
            long size, PartKeys.Request sse) {
        List<String> chosen = Placement.choose(setId, online, Math.min(online.size(), layout.totalShards()));
        List<String> assigned = new ArrayList<>(chosen);
        while (assigned.size() < layout.totalShards()) {
            assigned.add(null);
        }
        long stored = sse == null || size < 0 ? size : SealedBlocks.sealedLength(size);
        long shardLength = size < 0 ? ShardStore.UNKNOWN_LENGTH : layout.shardLength(stored);
        PartKeys.PartKey key;
        try {
            key = sse == null ? null : keys.newKey(sse, setId);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        List<Future<ShardWriter>> opens = new ArrayList<>();
        for (int i = 0; i < assigned.size(); i++) {
            ShardStore store = assigned.get(i) == null ? null : nodes.online(assigned.get(i));
            opens.add(store == null ? Future.failedFuture("no node") : store.openWrite(ShardId.of(setId, i),
                    shardLength));
        }
        return Future.join(opens).transform(ignored -> {
            QuorumTracker quorum = new QuorumTracker(layout.totalShards(), writeQuorum,
                    (shard, cause) -> noteFailure(assigned.get(shard), cause));
            List<ShardWriter> writers = new ArrayList<>();
            for (int i = 0; i < opens.size(); i++) {
                Future<ShardWriter> open = opens.get(i);
                writers.add(open.succeeded() ? open.result() : null);
                if (open.failed()) quorum.fail(i, open.cause());
            }
            ObjectBody body = new ObjectBody(auth, new PayloadDigests(algorithm), codec, layout, key);
            StripeWriter writer = new StripeWriter(pools, body, writers, quorum, layout.blockSize(),
                    new ShardSet(setId, assigned), writeMemory);
            if (!quorum.hasQuorum()) {
                writer.abort(quorum.quorumLost());
                return Future.failedFuture(quorum.quorumLost());
            }
            return Future.succeededFuture(writer);
        });
    }

    /** A node that refused a shard for lack of room takes no new ones until it has room again. */
    private void noteFailure(String node, Throwable cause) {
        boolean noSpace = cause instanceof ShardStoreException e && e.kind() == ShardStoreException.Kind.NO_SPACE;
        if (noSpace && node != null && nodes.refusedForSpace(node)) {
            LOG.warn("data node {} is full: {}; new shards go to the other nodes", node, cause.getMessage());
        }
    }

    /**
     * A reader of {@code parts} in order.
     *
     * @param damageReport told, per index into {@code parts}, which shards were missing or corrupt
     */
    public StripeReader openReader(List<PartRead> parts, BiConsumer<Integer, BitSet> damageReport) {
        return new StripeReader(pools, codec, layout, parts, damageReport, readMemory);
    }

    /** Whether {@code node} is a known data node answering health checks. */
    public boolean isOnline(String node) {
        return nodes.isOnline(node);
    }

    /**
     * A reader of object bytes {@code first..last} (inclusive) as clients see them: a part encrypted at rest is
     * read as the whole stored blocks the range touches, decrypted and trimmed ({@link OpeningStream}).
     *
     * @param customerKey  the client's key of an SSE-C object, checked against it already; else null
     * @param damageReport told, per part index, which shards were missing or corrupt
     */
    public ReadStream<Buffer> openReader(ObjectRecord object, long first, long last, CustomerKey customerKey,
            BiConsumer<Integer, BitSet> damageReport) {
        List<PartRead> reads = partReads(object, first, last);
        if (object.encryption() == null) return openReader(reads, damageReport);
        List<BlockCipher> ciphers = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            PartRead read = reads.get(i);
            // Unwrapped before any byte is read, so a disabled KMS key is an error answer, not a cut stream.
            ciphers.add(read.last() >= read.first() ? keys.cipher(object.layout().parts().get(i), customerKey)
                    : null);
        }
        StripeReader stored = openReader(reads, damageReport);
        List<OpeningStream.Part> opened = new ArrayList<>();
        long partStart = 0;
        for (int i = 0; i < reads.size(); i++) {
            PartLayout part = object.layout().parts().get(i);
            PartRead read = reads.get(i);
            long plainSize = part.plainSize();
            if (read.last() >= read.first()) {
                long from = Math.max(first, partStart) - partStart;
                long to = Math.min(last, partStart + plainSize - 1) - partStart;
                opened.add(new OpeningStream.Part(ciphers.get(i), from / SealedBlocks.PLAIN_BLOCK,
                        SealedBlocks.blocks(plainSize) - 1, read.last() - read.first() + 1,
                        from % SealedBlocks.PLAIN_BLOCK, to - from + 1));
            }
            partStart += plainSize;
        }
        return new OpeningStream(pools, stored, opened);
    }

    /**
     * The part reads covering object bytes {@code first..last}, each in its own part's stored coordinates: for a
     * sealed part, the whole blocks holding that plaintext.
     */
    public List<PartRead> partReads(ObjectRecord object, long first, long last) {
        List<PartRead> reads = new ArrayList<>();
        long partStart = 0;
        for (PartLayout part : object.layout().parts()) {
            long plainSize = part.plainSize();
            long from = Math.max(first, partStart) - partStart;
            long to = Math.min(last, partStart + plainSize - 1) - partStart;
            if (part.sealing() != null && to >= from) {
                from = SealedBlocks.storedStart(from);
                to = SealedBlocks.storedEnd(to, plainSize);
            }
            reads.add(new PartRead(part.shardSetId(), readStores(part.nodes()), offlineStores(part.nodes()),
                    part.size(), from, to));
            partStart += plainSize;
        }
        return reads;
    }

    /** The stores of a set's nodes for reading, null where a node is offline or unknown. */
    public List<ShardStore> readStores(List<String> nodeIds) {
        return nodes.onlineStores(nodeIds);
    }

    /** The stores of a set's nodes believed offline, by shard index (null where online or unknown). */
    public List<ShardStore> offlineStores(List<String> nodeIds) {
        List<ShardStore> out = new ArrayList<>(nodeIds.size());
        for (String id : nodeIds) {
            out.add(nodes.isOnline(id) ? null : nodes.store(id));
        }
        return out;
    }

    /** Deletes every shard of a set on the nodes that answer; failures are left to garbage collection. */
    public Future<Void> delete(ShardSet set) {
        List<Future<Void>> deletes = new ArrayList<>();
        for (int i = 0; i < set.nodes().size(); i++) {
            String node = set.nodes().get(i);
            ShardStore store = node == null ? null : nodes.online(node);
            if (store != null) deletes.add(store.delete(ShardId.of(set.id(), i)));
        }
        return Future.join(deletes).mapEmpty();
    }
}
