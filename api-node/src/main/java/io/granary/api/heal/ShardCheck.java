package io.granary.api.heal;

import io.granary.datanode.ShardId;
import io.granary.datanode.ShardStore;
import io.granary.datanode.ShardStoreException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Whether one shard on its node is whole: present with the length its layout implies (cheap, a stat),
 * or additionally with every chunk's CRC32C good (a full read, which the data node verifies as it
 * streams). Only a definite answer from the node counts as damage; a node that cannot be reached
 * gives {@link State#UNREACHABLE}, never a verdict.
 */
final class ShardCheck {

    enum State { GOOD, DAMAGED, UNREACHABLE }

    private ShardCheck() {
    }

    /** Present and of the right length. */
    static Future<State> stat(ShardStore store, ShardId id, long length) {
        return verdict(store.stat(id).map(info -> info.length() == length));
    }

    /** Present, of the right length, and every frame passing its CRC32C. */
    static Future<State> read(ShardStore store, ShardId id, long length) {
        return verdict(store.read(id, 0, length).compose(ShardCheck::drain).map(read -> read == length)
                .compose(whole -> whole ? store.stat(id).map(info -> info.length() == length)
                        : Future.succeededFuture(false)));
    }

    private static Future<State> verdict(Future<Boolean> whole) {
        return whole.map(ok -> ok ? State.GOOD : State.DAMAGED).recover(e -> Future.succeededFuture(
                e instanceof ShardStoreException s && isDamage(s.kind()) ? State.DAMAGED : State.UNREACHABLE));
    }

    private static boolean isDamage(ShardStoreException.Kind kind) {
        return kind == ShardStoreException.Kind.NOT_FOUND || kind == ShardStoreException.Kind.CORRUPT;
    }

    /** Counts a stream's bytes, dropping them. */
    private static Future<Long> drain(ReadStream<Buffer> stream) {
        Promise<Long> promise = Promise.promise();
        long[] count = {0};
        stream.exceptionHandler(promise::tryFail);
        stream.endHandler(v -> promise.tryComplete(count[0]));
        stream.handler(buffer -> count[0] += buffer.length());
        return promise.future();
    }
}
