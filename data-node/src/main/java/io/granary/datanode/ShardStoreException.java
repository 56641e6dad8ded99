package io.granary.datanode;

/**
 * The one failure type of {@link ShardStore}, with a {@link Kind} callers switch on. Messages name
 * the shard and the problem, never a secret. Local and remote stores report the same kinds for the
 * same conditions (the HTTP status and {@code x-granary-error-kind} header carry it across).
 */
public final class ShardStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why an operation failed. */
    public enum Kind {
        /** No committed shard with that id. */
        NOT_FOUND,
        /** A committed shard with that id exists; committed shards are immutable. */
        ALREADY_EXISTS,
        /** A frame failed its CRC32C or structure check (on arrival or on read). */
        CORRUPT,
        /** A malformed id, range, length or request; a caller bug, not a node fault. */
        INVALID_ARGUMENT,
        /** The disk has no room for the shard; reads keep working. */
        NO_SPACE,
        /** The disk reported an I/O error. */
        IO_ERROR,
        /** The node cannot be reached, timed out, is shutting down, or the transfer broke off. */
        UNAVAILABLE,
        /** The node refused the request's cluster signature. */
        FORBIDDEN
    }

    private final Kind kind;

    public ShardStoreException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ShardStoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Wraps a disk failure: "No space left on device" becomes {@code NO_SPACE}, the rest {@code IO_ERROR}. */
    public static ShardStoreException fromIo(String what, java.io.IOException e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Kind kind = detail.contains("No space left") ? Kind.NO_SPACE : Kind.IO_ERROR;
        return new ShardStoreException(kind, what + ": " + detail, e);
    }

    /** {@code e} itself when it already is a store exception, else the conversion of an I/O or other failure. */
    public static ShardStoreException of(String what, Throwable e) {
        if (e instanceof ShardStoreException s) return s;
        if (e instanceof java.io.IOException io) return fromIo(what, io);
        return new ShardStoreException(Kind.IO_ERROR, what + ": " + e, e);
    }

    /** Why a write ended when its writer was aborted from outside: the cause itself, or UNAVAILABLE. */
    static ShardStoreException aborted(ShardId id, Throwable cause) {
        return cause instanceof ShardStoreException s ? s : new ShardStoreException(Kind.UNAVAILABLE,
                "write of shard " + id + " aborted: " + cause.getMessage(), cause);
    }
}
