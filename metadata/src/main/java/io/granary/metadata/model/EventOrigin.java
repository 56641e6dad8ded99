package io.granary.metadata.model;

/**
 * Who made a change that may send events: the caller's principal, address and request id, or the server itself
 * ({@link #LIFECYCLE}: deletions are then {@code LifecycleExpiration:*} events instead of {@code ObjectRemoved:*}).
 */
public record EventOrigin(String principalId, String sourceIp, String requestId, boolean lifecycle) {
    public static final EventOrigin LIFECYCLE = new EventOrigin(null, null, null, true);

    /** A client's request. */
    public static EventOrigin request(String principalId, String sourceIp, String requestId) {
        return new EventOrigin(principalId, sourceIp, requestId, false);
    }

    /** The event name of a deletion that {@code createdMarker} or removed a version. */
    public String removal(boolean createdMarker) {
        return (lifecycle ? "LifecycleExpiration:" : "ObjectRemoved:") + (createdMarker ? "DeleteMarkerCreated"
                : "Delete");
    }
}
