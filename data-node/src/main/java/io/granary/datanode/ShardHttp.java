package io.granary.datanode;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The internal HTTP protocol shared by {@link DataNodeServer} and {@link RemoteShardStore}: paths, header
 * names, the one mapping between {@link ShardStoreException.Kind} and status codes, and the JSON form of a
 * shard. Errors carry their kind in {@value #ERROR_KIND} (as a header, or as a trailer when a read fails
 * after its 200 was sent), so the client restores the exact kind.
 */
final class ShardHttp {
    static final String SHARDS = "/shards";
    static final String SHARD_PREFIX = "/shards/";
    static final String HEALTH = "/health";
    static final String IDENTITY = "/identity";
    static final String ERROR_KIND = "x-granary-error-kind";
    static final String ERROR_MESSAGE = "x-granary-error-message";
    static final String SHARD_LENGTH = "x-granary-shard-length";
    static final String COMMITTED_MS = "x-granary-committed-ms";
    static final int MAX_LIST_LIMIT = 10_000;
    /** Body pieces up to this size pass as one buffer (Netty's default, 8 KiB, costs a callback per 8 KiB). */
    static final int MAX_CHUNK_SIZE = 1 << 20;

    private ShardHttp() {
    }

    static int status(ShardStoreException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS -> 409;
            case CORRUPT -> 422;
            case INVALID_ARGUMENT -> 400;
            case NO_SPACE -> 507;
            case IO_ERROR -> 500;
            case UNAVAILABLE -> 503;
            case FORBIDDEN -> 403;
        };
    }

    /** The kind named by the error header, or the one its status implies. */
    static ShardStoreException.Kind kind(int status, String header) {
        if (header != null) {
            for (ShardStoreException.Kind kind : ShardStoreException.Kind.values()) {
                if (kind.name().equals(header)) return kind;
            }
        }
        for (ShardStoreException.Kind kind : ShardStoreException.Kind.values()) {
            if (status(kind) == status) return kind;
        }
        return status >= 500 ? ShardStoreException.Kind.UNAVAILABLE : ShardStoreException.Kind.INVALID_ARGUMENT;
    }

    static JsonObject json(ShardInfo info) {
        return new JsonObject().put("id", info.id().value()).put("length", info.length())
                .put("committedMs", info.committedAt().toEpochMilli());
    }

    static ShardInfo info(JsonObject json) {
        return new ShardInfo(ShardId.parse(json.getString("id")), json.getLong("length"),
                Instant.ofEpochMilli(json.getLong("committedMs")));
    }

    static String shardUri(ShardId id) {
        return SHARD_PREFIX + id.value();
    }
}
