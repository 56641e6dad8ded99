package io.granary.datanode;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * The node's side of a shard PUT body: the shard's bytes, then a {@link BodyMac#TAG_BYTES}-byte tag. The
 * last tag-sized bytes seen are held back from the shard writer; at the end they must equal the body's MAC,
 * and only then is the shard committed. The API node sends the tag once it has verified the whole object
 * (its Content-MD5 and checksums), so a body it rejects is never committed here: the request is cut off
 * before its tag and the write discarded. Under MAC protection the tag also proves the bytes are the ones
 * the API node sent.
 */
final class TaggedShardSink extends MacTap {
    private final ShardWriter writer;
    private final String node;
    private Buffer held = Buffer.buffer(BodyMac.TAG_BYTES);

    TaggedShardSink(ShardWriter writer, BodyMac mac, String node) {
        super(writer, mac);
        this.writer = writer;
        this.node = node;
    }

    @Override
    public Future<Void> write(Buffer data) {
        int forward = held.length() + data.length() - BodyMac.TAG_BYTES;
        if (forward <= 0) {
            held.appendBuffer(data);
            return Future.succeededFuture();
        }
        Future<Void> fromHeld = Future.succeededFuture();
        int heldPart = Math.min(forward, held.length());
        if (heldPart > 0) fromHeld = super.write(held.getBuffer(0, heldPart));
        int dataPart = forward - heldPart;
        Future<Void> fromData = dataPart > 0 ? super.write(data.slice(0, dataPart)) : Future.succeededFuture();
        held = held.getBuffer(heldPart, held.length()).appendBuffer(data.getBuffer(dataPart, data.length()));
        return Future.all(fromHeld, fromData).mapEmpty();
    }

    /** Commits the shard if the tag is right, else discards it; completes when either is done. */
    @Override
    public Future<Void> end() {
        if (held.length() != BodyMac.TAG_BYTES) {
            writer.abort(LocalShardStore.invalid("the shard body ended before its tag"));
            return writer.committed().mapEmpty();
        }
        byte[] presented = held.getBytes();
        return mac().tag().compose(expected -> {
            if (!java.security.MessageDigest.isEqual(expected, presented)) {
                writer.abort(new ShardStoreException(ShardStoreException.Kind.FORBIDDEN,
                        "the shard body sent to data node " + node + " failed authentication"));
                return writer.committed().mapEmpty();
            }
            return writer.end();
        });
    }
}
