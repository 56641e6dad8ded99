package io.granary.metadata.store;

import io.granary.metadata.Batch;
import io.granary.metadata.Database;
import io.granary.metadata.Keys;
import io.granary.metadata.Schema;
import io.granary.metadata.Table;
import io.granary.metadata.model.GarbageReason;
import io.granary.metadata.model.GarbageTask;
import io.granary.metadata.model.HealTask;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.PartLayout;
import io.granary.metadata.model.ShardOwner;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The mutations several stores share, appended to the caller's batch (Ozone's request/response
 * split): committing an object record with its shard-index entries and the garbage of the
 * version it replaces, retiring a part's shard set, queueing failed shards for heal, and the change's events.
 */
final class Mutations {

    private final Table<ObjectRecord> objects;
    private final Table<ShardOwner> shardIndex;
    private final QueueStore<HealTask> heal;
    private final QueueStore<GarbageTask> garbage;
    private final ObjectEvents events;

    Mutations(Database database, QueueStore<HealTask> heal, QueueStore<GarbageTask> garbage, EventOutbox outbox) {
        this.objects = database.table(Schema.OBJECTS);
        this.shardIndex = database.table(Schema.SHARD_INDEX);
        this.heal = heal;
        this.garbage = garbage;
        this.events = new ObjectEvents(outbox);
    }

    /** The events a change sends, appended to its batch. */
    ObjectEvents events() {
        return events;
    }

    /** Writes {@code record} as the current version; {@code previous} (may be null) becomes garbage. */
    void writeObject(Batch batch, long bucketId, ObjectRecord record, ObjectRecord previous, long now) {
        objects.put(batch, Schema.objectKey(bucketId, Keys.objectKeyBytes(record.key())), record);
        Set<String> kept = new HashSet<>();
        for (PartLayout part : record.layout().parts()) {
            kept.add(part.shardSetId());
            index(batch, part, new ShardOwner(bucketId, record.key(), null, part.partNumber()));
        }
        if (previous != null) retireAll(batch, previous, kept, GarbageReason.OVERWRITTEN, now);
    }

    /** Sends every part of {@code record} whose shard set is not in {@code kept} to garbage. */
    void retireAll(Batch batch, ObjectRecord record, Set<String> kept, GarbageReason reason, long now) {
        for (PartLayout part : record.layout().parts()) {
            if (!kept.contains(part.shardSetId())) retire(batch, part, reason, now);
        }
    }

    void index(Batch batch, PartLayout part, ShardOwner owner) {
        shardIndex.put(batch, Keys.utf8(part.shardSetId()), owner);
    }

    void retire(Batch batch, PartLayout part, GarbageReason reason, long now) {
        shardIndex.delete(batch, Keys.utf8(part.shardSetId()));
        garbage.append(batch, GarbageTask.of(part, reason, now));
    }

    void heal(Batch batch, List<HealTask> failedShards) {
        for (HealTask task : failedShards) heal.append(batch, task);
    }

    ShardOwner owner(String shardSetId) {
        return shardIndex.get(Keys.utf8(shardSetId));
    }
}
