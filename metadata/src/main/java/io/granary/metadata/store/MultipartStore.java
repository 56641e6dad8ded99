package io.granary.metadata.store;

import io.granary.metadata.Batch;
import io.granary.metadata.Cursor;
import io.granary.metadata.Database;
import io.granary.metadata.Keys;
import io.granary.metadata.Schema;
import io.granary.metadata.Table;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.CompletedUpload;
import io.granary.metadata.model.GarbageReason;
import io.granary.metadata.model.EventOrigin;
import io.granary.metadata.model.GarbageTask;
import io.granary.metadata.model.HealTask;
import io.granary.metadata.model.Notice;
import io.granary.metadata.model.PartLayout;
import io.granary.metadata.model.PartRecord;
import io.granary.metadata.model.PartRef;
import io.granary.metadata.model.ShardOwner;
import io.granary.metadata.model.UploadRecord;
import io.granary.metadata.store.MetadataException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Multipart uploads: create, upload parts, list uploads and parts, abort, and complete exactly
 * once. All operations on one object key (its uploads included) are serialised by the key's
 * stripe lock, so complete racing complete or abort has exactly one outcome. Completed uploads
 * leave a small record so a repeated identical complete returns the same result until
 * {@link #purgeCompleted} removes it.
 */
public final class MultipartStore {

    private final Database database;
    private final Guard guard;
    private final Mutations mutations;
    private final Table<UploadRecord> uploads;
    private final Table<PartRecord> parts;
    private final Table<CompletedUpload> completed;
    private final Completion completion;
    private static final String COMPLETE_EVENT = "ObjectCreated:CompleteMultipartUpload";

    /** Built by {@code MetadataStore}. */
    public MultipartStore(Database database, Guard guard, QueueStore<HealTask> heal,
                       QueueStore<GarbageTask> garbage, EventOutbox outbox) {
        this.database = database;
        this.guard = guard;
        this.mutations = new Mutations(database, heal, garbage, outbox);
        this.uploads = database.table(Schema.UPLOADS);
        this.parts = database.table(Schema.PARTS);
        this.completed = database.table(Schema.COMPLETED);
        this.completion = new Completion(database, mutations, this);
    }

    /** Creates an upload from {@code draft} (see {@link UploadRecord#draft}); returns it with its new id. */
    public UploadRecord create(String bucket, UploadRecord draft) {
        byte[] keyBytes = Keys.objectKeyBytes(draft.key());
        return guard.onKey(bucket, draft.key(), b -> {
            long now = System.currentTimeMillis();
            UploadRecord upload = draft.withId(UploadIds.next(now), now);
            try (Batch batch = new Batch()) {
                uploads.put(batch, Schema.uploadKey(b.id(), keyBytes, upload.uploadId()), upload);
                database.commit(batch);
            }
            return upload;
        });
    }

    /** The open upload; NO_SUCH_UPLOAD if it never existed, was aborted or completed. */
    public UploadRecord getUpload(String bucket, String key, String uploadId) {
        UploadIds.check(uploadId);
        BucketRecord b = guard.requireBucket(bucket);
        return requireUpload(Schema.uploadKey(b.id(), Keys.objectKeyBytes(key), uploadId), uploadId);
    }

    UploadRecord requireUpload(byte[] uploadKey, String uploadId) {
        UploadRecord upload = uploads.get(uploadKey);
        if (upload == null) throw new MetadataException(Reason.NO_SUCH_UPLOAD, "no such upload: " + uploadId);
        return upload;
    }

    /**
     * Stores a part; a part with the same number is replaced and its shard set goes to garbage,
     * {@code failedShards} to the heal queue, all in one batch.
     *
     * @return the replaced part, if any
     */
    public Optional<PartRecord> putPart(String bucket, String key, String uploadId, PartRecord part,
                                        List<HealTask> failedShards) {
        UploadIds.check(uploadId);
        byte[] keyBytes = Keys.objectKeyBytes(key);
        return guard.onKey(bucket, key, b -> {
            byte[] uploadKey = Schema.uploadKey(b.id(), keyBytes, uploadId);
            requireUpload(uploadKey, uploadId);
            byte[] partKey = Schema.partKey(uploadKey, part.partNumber());
            PartRecord previous = parts.get(partKey);
            try (Batch batch = new Batch()) {
                if (previous != null && !previous.layout().shardSetId().equals(part.layout().shardSetId())) {
                    mutations.retire(batch, previous.layout(), GarbageReason.PART_REPLACED, System.currentTimeMillis());
                }
                parts.put(batch, partKey, part);
                mutations.index(batch, part.layout(), new ShardOwner(b.id(), key, uploadId, part.partNumber()));
                mutations.heal(batch, failedShards);
                database.commit(batch);
            }
            return Optional.ofNullable(previous);
        });
    }

    /**
     * Re-wraps the data key of part {@code partNumber} of an open upload as {@code change} makes it (master-key
     * rotation), under the key's lock: a part replaced or gone meanwhile is left alone (false).
     */
    public boolean rewrapPart(String bucket, String key, String uploadId, int partNumber,
            UnaryOperator<PartLayout> change) {
        UploadIds.check(uploadId);
        byte[] keyBytes = Keys.objectKeyBytes(key);
        return guard.onKey(bucket, key, b -> {
            byte[] partKey = Schema.partKey(Schema.uploadKey(b.id(), keyBytes, uploadId), partNumber);
            PartRecord current = parts.get(partKey);
            if (current == null) return false;
            PartLayout changed = change.apply(current.layout());
            if (!current.layout().sameExceptWrappedKey(changed)) {
                throw new MetadataException(MetadataException.Reason.INVALID_ARGUMENT, "a re-wrap may change only "
                        + "the wrapped key of part " + partNumber + " of " + key);
            }
            try (Batch batch = new Batch()) {
                parts.put(batch, partKey, current.withLayout(changed));
                database.commit(batch);
            }
            return true;
        });
    }

    /** ListParts: parts numbered above {@code partNumberMarker}, at most {@code maxParts} (≤ 1000). */
    public PartPage listParts(String bucket, String key, String uploadId, int partNumberMarker, int maxParts) {
        UploadIds.check(uploadId);
        if (maxParts < 0 || partNumberMarker < 0) {
            throw new MetadataException(Reason.INVALID_ARGUMENT,
                    "max-parts and part-number-marker must not be negative");
        }
        int limit = Math.min(maxParts, ListQuery.MAX_KEYS);
        BucketRecord b = guard.requireBucket(bucket);
        byte[] uploadKey = Schema.uploadKey(b.id(), Keys.objectKeyBytes(key), uploadId);
        requireUpload(uploadKey, uploadId);
        List<PartRecord> page = new ArrayList<>();
        try (Cursor<PartRecord> cursor = parts.scan(Schema.partKey(uploadKey, partNumberMarker + 1),
                Keys.pastPrefix(uploadKey))) {
            for (; cursor.valid() && page.size() < limit; cursor.next()) page.add(cursor.value());
            boolean truncated = cursor.valid();
            return new PartPage(page, truncated, truncated ? page.get(page.size() - 1).partNumber() : 0);
        }
    }

    /** Every part of an upload, in part-number order. */
    List<PartRecord> allParts(byte[] uploadKey) {
        List<PartRecord> all = new ArrayList<>();
        try (Cursor<PartRecord> cursor = parts.scan(uploadKey, Keys.pastPrefix(uploadKey))) {
            for (; cursor.valid(); cursor.next()) all.add(cursor.value());
        }
        return all;
    }

    /** ListMultipartUploads, with the same prefix/delimiter/seek-skip rules as object listing. */
    public UploadPage listUploads(String bucket, UploadQuery query) {
        BucketRecord b = guard.requireBucket(bucket);
        byte[] resumeAt = null;
        if (query.keyMarker() != null) {
            // Upload keys of one object key are "key 0x00 id": 0x01 after the key skips all of them.
            byte[] marker = Keys.utf8(query.keyMarker());
            resumeAt = query.uploadIdMarker() == null ? Keys.concat(marker, new byte[] {1})
                    : Keys.concat(marker, new byte[] {0}, Keys.utf8(query.uploadIdMarker()), new byte[] {0});
        }
        List<UploadRecord> found = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String[] next = new String[2];
        boolean truncated = new GroupedScan<>(uploads, b.id(), query.prefix(), query.delimiter(), query.keyMarker(),
                resumeAt, Schema::uploadKeyEnd)
                    .visit(query.maxUploads(), upload -> {
                        found.add(upload);
                        next[0] = upload.key();
                        next[1] = upload.uploadId();
                    }, commonPrefix -> {
                        prefixes.add(commonPrefix);
                        next[0] = commonPrefix;
                        next[1] = null;
                    });
        return truncated ? new UploadPage(found, prefixes, true, next[0], next[1])
                : new UploadPage(found, prefixes, false, null, null);
    }

    /** Aborts an open upload: its parts' shard sets go to garbage; NO_SUCH_UPLOAD if it is not open. */
    public void abort(String bucket, String key, String uploadId) {
        UploadIds.check(uploadId);
        byte[] keyBytes = Keys.objectKeyBytes(key);
        guard.onKey(bucket, key, b -> {
            byte[] uploadKey = Schema.uploadKey(b.id(), keyBytes, uploadId);
            requireUpload(uploadKey, uploadId);
            try (Batch batch = new Batch()) {
                removeUpload(batch, uploadKey, Set.of(), GarbageReason.UPLOAD_ABORTED, System.currentTimeMillis());
                database.commit(batch);
            }
            return null;
        });
    }

    /**
     * Deletes the upload and its part records; every part whose shard set is not in
     * {@code kept} goes to garbage for {@code reason}.
     */
    void removeUpload(Batch batch, byte[] uploadKey, Set<String> kept, GarbageReason reason, long now) {
        uploads.delete(batch, uploadKey);
        try (Cursor<PartRecord> cursor = parts.scan(uploadKey, Keys.pastPrefix(uploadKey))) {
            for (; cursor.valid(); cursor.next()) {
                PartRecord part = cursor.value();
                parts.delete(batch, cursor.key());
                if (!kept.contains(part.layout().shardSetId())) {
                    mutations.retire(batch, part.layout(), reason, now);
                }
            }
        }
    }

    /** Aborts every open upload of a bucket being deleted (the caller holds the bucket exclusively). */
    void abortAll(Batch batch, BucketRecord bucket) {
        byte[] bucketPrefix = Schema.bucketPrefix(bucket.id());
        long now = System.currentTimeMillis();
        try (Cursor<UploadRecord> cursor = uploads.scan(bucketPrefix, Keys.pastPrefix(bucketPrefix))) {
            for (; cursor.valid(); cursor.next()) {
                removeUpload(batch, cursor.key(), Set.of(), GarbageReason.UPLOAD_ABORTED, now);
            }
        }
    }

    /**
     * Completes an upload exactly once: validates {@code requested} (INVALID_PART_ORDER unless
     * strictly ascending, INVALID_PART unless each part exists with that ETag, ENTITY_TOO_SMALL
     * if a part but the last is under the configured minimum), asks {@code assembler} for the
     * object record, and in one batch commits it, sends the replaced version's and unused parts'
     * shard sets to garbage, removes the upload and records the completion. Repeating an
     * identical complete returns the recorded result; any other complete of a finished upload
     * gets NO_SUCH_UPLOAD.
     */
    public CompletedUpload complete(String bucket, String key, String uploadId, List<PartRef> requested,
                                    ObjectAssembler assembler) {
        return complete(bucket, key, uploadId, requested, PutCondition.none(), assembler, null);
    }

    /**
     * As {@link #complete(String, String, String, List, ObjectAssembler)}, committing only if {@code condition}
     * holds for the key's current version (checked under the key's lock, after validation and before
     * assembly; a repeated identical complete returns the recorded result without checking again).
     */
    public CompletedUpload complete(String bucket, String key, String uploadId, List<PartRef> requested,
                                    PutCondition condition, ObjectAssembler assembler) {
        return complete(bucket, key, uploadId, requested, condition, assembler, null);
    }

    /** As the above, also committing the {@code ObjectCreated:CompleteMultipartUpload} events of {@code origin}. */
    public CompletedUpload complete(String bucket, String key, String uploadId, List<PartRef> requested,
                                    PutCondition condition, ObjectAssembler assembler, EventOrigin origin) {
        UploadIds.check(uploadId);
        byte[] keyBytes = Keys.objectKeyBytes(key);
        return guard.onKey(bucket, key, b -> completion.complete(b, keyBytes, key, uploadId, requested, condition,
                assembler, origin == null ? null : new Notice(COMPLETE_EVENT, origin)));
    }

    CompletedUpload completedRecord(String uploadId) {
        return completed.get(Keys.utf8(uploadId));
    }

    /** Removes completion records older than {@code cutoffMillis}; returns how many. */
    public int purgeCompleted(long cutoffMillis) {
        int purged = 0;
        try (Batch batch = new Batch()) {
            try (Cursor<CompletedUpload> cursor = completed.scan(new byte[0], Keys.END)) {
                for (; cursor.valid(); cursor.next()) {
                    if (cursor.value().completedMillis() < cutoffMillis) {
                        completed.delete(batch, cursor.key());
                        purged++;
                    }
                }
            }
            if (purged > 0) database.commit(batch);
        }
        return purged;
    }

    /** The exact number of parts of open uploads; linear in that number (see {@link Table#count}). */
    public long countParts() {
        return parts.count();
    }

    /** Scans every part of every open upload, {@code limit} per page, resuming from {@code cursor} (null first). */
    public ScanPage<PartEntry> scanParts(String cursor, int limit) {
        return FullScan.page(parts, guard.bucketNamesById(), cursor, limit, (bucket, raw, part) ->
                new PartEntry(bucket, Schema.partObjectName(raw), Schema.partUploadId(raw), part));
    }
}
