package io.granary.metadata.model;

/**
 * One event waiting in the outbox for its webhook target: what happened ({@code eventName} as
 * {@code ObjectCreated:Put}) to which version of which key, who did it, and when. {@code id} is stable across
 * retries (the receiver's idempotency key); {@code sequencer} orders the events of one key (hex, fixed width);
 * {@code versionId} is null for a bucket that never had versioning. {@code principalId}, {@code sourceIp} and
 * {@code requestId} are null for changes the server made itself (lifecycle expiry).
 */
public record ObjectEvent(String id, String targetArn, String configurationId, String eventName, String bucket,
        String bucketOwner, String key, long size, String etag, String versionId, String sequencer,
        long eventMillis, String principalId, String sourceIp, String requestId) {

    /** This event with the sequencer the outbox gave it. */
    public ObjectEvent withSequencer(String newSequencer) {
        return new ObjectEvent(id, targetArn, configurationId, eventName, bucket, bucketOwner, key, size, etag,
                versionId, newSequencer, eventMillis, principalId, sourceIp, requestId);
    }
}
