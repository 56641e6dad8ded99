package io.granary.api.heal;

import io.granary.erasure.StripeLayout;
import io.granary.metadata.model.HealReason;
import io.granary.metadata.model.HealTask;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.PartLayout;
import io.granary.metadata.store.ObjectEntry;
import io.granary.metadata.store.PartEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * One part whose shards a scrub reads: part {@code part.partNumber()} of object {@code key} in
 * {@code bucket}, or of the open upload {@code uploadId} when that is not null, with the length every
 * one of its shard files must have.
 */
record ScrubTarget(String bucket, String key, String uploadId, PartLayout part, long shardLength) {

    /** Every part of a current object. */
    static List<ScrubTarget> of(ObjectEntry entry) {
        ObjectRecord object = entry.object();
        StripeLayout stripes = new StripeLayout(object.layout().k(), object.layout().m(),
                object.layout().blockSize());
        List<ScrubTarget> targets = new ArrayList<>();
        for (PartLayout part : object.layout().parts()) {
            targets.add(new ScrubTarget(entry.bucket(), object.key(), null, part, stripes.shardLength(part.size())));
        }
        return targets;
    }

    /** The one part of an open upload. */
    static List<ScrubTarget> of(PartEntry entry) {
        StripeLayout stripes = new StripeLayout(entry.part().k(), entry.part().m(), entry.part().blockSize());
        return List.of(new ScrubTarget(entry.bucket(), entry.key(), entry.uploadId(), entry.part().layout(),
                stripes.shardLength(entry.part().size())));
    }

    /** The heal task for shard {@code index} of this part, found bad for {@code reason}. */
    HealTask healTask(int index, HealReason reason, long nowMillis) {
        return new HealTask(bucket, key, uploadId, part.partNumber(), part.shardSetId(), index, part.nodes().get(index),
                reason, nowMillis);
    }
}
