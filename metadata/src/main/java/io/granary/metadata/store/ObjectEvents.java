package io.granary.metadata.store;

import io.granary.metadata.Batch;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.EventOrigin;
import io.granary.metadata.model.Notice;
import io.granary.metadata.model.NotificationRule;
import io.granary.metadata.model.ObjectEvent;
import io.granary.metadata.model.ObjectRecord;
import java.util.UUID;

/**
 * Turns a change to a key into outbox events, in the change's own batch: one event per notification rule of the
 * bucket that covers the event and the key (S3 refuses overlapping rules, so a change reaches a target once).
 */
final class ObjectEvents {
    private final EventOutbox outbox;

    ObjectEvents(EventOutbox outbox) {
        this.outbox = outbox;
    }

    /** A version written or changed: {@code record} as it is after the change. */
    void written(Batch batch, BucketRecord bucket, ObjectRecord record, Notice notice, long now) {
        if (notice == null) return;
        add(batch, bucket, notice.eventName(), record.key(), record.size(), record.etag(), record.versionId(),
                notice.origin(), now);
    }

    /** A version removed, or a delete marker {@code versionId} written. */
    void removed(Batch batch, BucketRecord bucket, String key, DeleteOutcome outcome, EventOrigin origin,
                 boolean createdMarker, long now) {
        if (origin == null) return;
        add(batch, bucket, origin.removal(createdMarker), key, 0, null, outcome.versionId(), origin, now);
    }

    private void add(Batch batch, BucketRecord bucket, String eventName, String key, long size, String etag,
                     String versionId, EventOrigin origin, long now) {
        if (bucket.notifications() == null) return;
        for (NotificationRule rule : bucket.notifications()) {
            if (!rule.matches(eventName, key)) continue;
            outbox.append(batch, new ObjectEvent(UUID.randomUUID().toString(), rule.targetArn(), rule.id(),
                    eventName, bucket.name(), bucket.ownerAccountId(), key, size, etag,
                    bucket.versioned() ? versionId : null, null, now,
                    origin.principalId(), origin.sourceIp(), origin.requestId()));
        }
    }
}
