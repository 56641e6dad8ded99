package io.granary.datanode.segment;

import io.vertx.core.Promise;
import java.nio.ByteBuffer;

/**
 * One request to the appender. {@code expected} states what the index must hold for the record to be
 * written: for a new PUT or a migration, nothing; for a compaction move, the entry being moved; for a
 * DELETE, null means "whatever is there" and a carried tombstone names its target in {@code payload}.
 */
record Append(Op op, String shardId, ByteBuffer payload, long committedMillis, SegmentEntry expected,
              Promise<SegmentEntry> promise) {

    /** What the appender is asked to do. */
    enum Op {
        /** A new shard: refused if the id is committed in either form. */
        PUT,
        /** A legacy file shard moved in: skipped if the id is already in the index. */
        MIGRATE,
        /** A live record moved by compaction: skipped unless the index still points at {@code expected}. */
        MOVE,
        /** A delete: a tombstone for the current entry, if any. */
        DELETE,
        /** A tombstone copied forward by compaction because the PUT it kills still exists. */
        CARRY
    }

    long recordBytes() {
        return SegmentRecord.HEADER_SIZE + (op == Op.DELETE ? SegmentRecord.TOMBSTONE_PAYLOAD : payload.remaining());
    }
}
