package io.granary.datanode;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * The sink of one shard being written: a {@link WriteStream} of framed bytes with back-pressure
 * ({@link #writeQueueFull()} / {@link #drainHandler}), so a stripe writer can fan out to six of them
 * and pipe into each. Buffer boundaries are free: frames may be split or joined across writes.
 *
 * <p>{@link #end()} commits: it completes only once the shard is durable (fsynced and renamed into
 * place, directory fsynced), and fails if fewer or more bytes than declared arrived, a frame failed its
 * CRC32C ({@code CORRUPT}), the id exists ({@code ALREADY_EXISTS}) or the disk failed. {@link #committed()}
 * yields the same outcome with the {@link ShardInfo}. {@link #abort} discards the partial shard; after any
 * failure nothing of it is visible. The writer does not take ownership of written buffers beyond the write.
 */
public interface ShardWriter extends WriteStream<Buffer> {

    /** The outcome of the write: the committed shard, or the failure that discarded it. */
    Future<ShardInfo> committed();

    /** Discards the shard (e.g. the upload lost quorum or its client went away); idempotent. */
    void abort(Throwable cause);
}
