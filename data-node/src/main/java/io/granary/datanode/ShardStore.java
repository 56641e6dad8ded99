package io.granary.datanode;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Durable storage of shard files, local ({@link LocalShardStore}) or over signed internal HTTP
 * ({@link RemoteShardStore}); both pass one contract suite. A shard file is the sequence of
 * {@link io.granary.erasure.ChunkFrame}s of one shard index, one per stripe; every frame has the payload
 * size of the first except the last, which may be shorter. Committed shards are immutable. Every
 * failure is a {@link ShardStoreException}; no method blocks the calling event loop.
 */
public interface ShardStore {
    /**
     * The length to open a shard with when it is known only once the shard ends (an object body sent
     * with {@code Transfer-Encoding: chunked} and no Content-Length): the shard is what arrived.
     */
    long UNKNOWN_LENGTH = -1;

    /**
     * Opens a sink for a new shard of exactly {@code length} bytes of frames, or of any length with
     * {@link #UNKNOWN_LENGTH}. Fails early with {@code ALREADY_EXISTS} if the id is committed,
     * {@code NO_SPACE} if the disk cannot hold it.
     */
    Future<ShardWriter> openWrite(ShardId id, long length);

    /**
     * Streams bytes {@code [offset, offset + length)} of a shard. The range must start and end on frame
     * boundaries (or at the end of the shard), otherwise {@code INVALID_ARGUMENT}. Each frame's CRC32C is
     * verified before any of its bytes are emitted; a bad frame ends the stream with a {@code CORRUPT}
     * exception naming that frame's byte range, after the good frames before it. Buffer boundaries are
     * arbitrary. The returned stream is paused-safe: nothing flows until a handler is set or it is piped.
     */
    Future<ReadStream<Buffer>> read(ShardId id, long offset, long length);

    /** The committed shard's length and commit time, or {@code NOT_FOUND}. */
    Future<ShardInfo> stat(ShardId id);

    /** Removes a shard; succeeds whether or not it existed. */
    Future<Void> delete(ShardId id);

    /** Up to {@code limit} committed shards with ids greater than {@code after} (null: from the start). */
    Future<ShardPage> list(ShardId after, int limit);

    /** Capacity and shard count of the node. */
    Future<NodeHealth> health();

    /** Where the shards live, for operators: a directory, or the data node's URL. */
    String location();

    /** Writes a whole shard from {@code frames} (e.g. a file or an HTTP body) with back-pressure. */
    default Future<ShardInfo> write(ShardId id, long length, ReadStream<Buffer> frames) {
        frames.pause();
        return openWrite(id, length).compose(writer -> frames.pipe().endOnFailure(false).to(writer)
                .recover(failure -> {
                    writer.abort(failure);
                    return writer.committed().mapEmpty();
                })
                .compose(done -> writer.committed()));
    }
}
