package io.granary.metadata.store;

import io.granary.metadata.Batch;
import io.granary.metadata.Database;
import io.granary.metadata.Keys;
import io.granary.metadata.Schema;
import io.granary.metadata.Table;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.CompletedUpload;
import io.granary.metadata.model.GarbageReason;
import io.granary.metadata.model.Notice;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.PartLayout;
import io.granary.metadata.model.PartRecord;
import io.granary.metadata.model.PartRef;
import io.granary.metadata.model.UploadRecord;
import io.granary.metadata.store.MetadataException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CompleteMultipartUpload, run by {@link MultipartStore} under the key's lock: validation,
 * assembly by the caller's {@link ObjectAssembler}, and the single batch that commits the
 * object, retires unused parts and the replaced version, removes the upload and records the
 * completion for idempotent repeats.
 */
final class Completion {

    private final Database database;
    private final VersionChain chain;
    private final MultipartStore multipart;
    private final Table<ObjectRecord> objects;
    private final Table<CompletedUpload> completed;
    private final Mutations mutations;

    Completion(Database database, Mutations mutations, MultipartStore multipart) {
        this.database = database;
        this.chain = new VersionChain(database, mutations);
        this.mutations = mutations;
        this.multipart = multipart;
        this.objects = database.table(Schema.OBJECTS);
        this.completed = database.table(Schema.COMPLETED);
    }

    CompletedUpload complete(BucketRecord bucket, byte[] keyBytes, String key, String uploadId,
                             List<PartRef> requested, PutCondition condition, ObjectAssembler assembler,
                             Notice notice) {
        String digest = digest(requested);
        CompletedUpload done = multipart.completedRecord(uploadId);
        if (done != null) {
            if (done.bucket().equals(bucket.name()) && done.key().equals(key) && done.partsDigest().equals(digest)) {
                return done;
            }
            throw new MetadataException(Reason.NO_SUCH_UPLOAD, "upload " + uploadId
                    + " was completed with other parts");
        }
        byte[] uploadKey = Schema.uploadKey(bucket.id(), keyBytes, uploadId);
        UploadRecord upload = multipart.requireUpload(uploadKey, uploadId);
        List<PartRecord> chosen = choose(requested, multipart.allParts(uploadKey), uploadId);
        ObjectRecord previous = objects.get(Schema.objectKey(bucket.id(), keyBytes));
        condition.check(key, previous);
        ObjectRecord record = assembler.assemble(upload, chosen);
        if (!key.equals(record.key())) {
            throw new MetadataException(Reason.INVALID_ARGUMENT, "assembled record is for key " + record.key()
                    + ", not " + key);
        }
        long now = System.currentTimeMillis();
        Set<String> kept = new HashSet<>();
        for (PartLayout part : record.layout().parts()) kept.add(part.shardSetId());
        try (Batch batch = new Batch()) {
            // Retire the upload's unused parts before the object indexes the used ones.
            multipart.removeUpload(batch, uploadKey, kept, GarbageReason.PART_UNUSED, now);
            ObjectRecord committed = chain.commit(batch, bucket, record, previous, now);
            CompletedUpload result = new CompletedUpload(uploadId, bucket.name(), key, committed.versionId(),
                    record.etag(), record.checksums(), digest, now);
            completed.put(batch, Keys.utf8(uploadId), result);
            mutations.events().written(batch, bucket, committed, notice, now);
            database.commit(batch);
            return result;
        }
    }

    private List<PartRecord> choose(List<PartRef> requested, List<PartRecord> stored, String uploadId) {
        if (requested.isEmpty()) {
            throw new MetadataException(Reason.INVALID_ARGUMENT, "a complete must name at least one part");
        }
        Map<Integer, PartRecord> byNumber = new HashMap<>();
        for (PartRecord part : stored) byNumber.put(part.partNumber(), part);
        List<PartRecord> chosen = new ArrayList<>(requested.size());
        int previous = 0;
        for (PartRef ref : requested) {
            if (ref.partNumber() <= previous) {
                throw new MetadataException(Reason.INVALID_PART_ORDER, "part " + ref.partNumber() + " follows part "
                        + previous + " in the complete of " + uploadId);
            }
            previous = ref.partNumber();
            PartRecord part = byNumber.get(ref.partNumber());
            if (part == null || !Etags.same(ref.etag(), part.etag())) {
                throw new MetadataException(Reason.INVALID_PART, "part " + ref.partNumber() + " with ETag " + ref.etag()
                        + " was not uploaded to " + uploadId);
            }
            chosen.add(part);
        }
        long min = database.options().minPartSize();
        for (int i = 0; i < chosen.size() - 1; i++) {
            if (chosen.get(i).size() < min) {
                throw new MetadataException(Reason.ENTITY_TOO_SMALL, "part " + chosen.get(i).partNumber() + " is "
                        + chosen.get(i).size() + " bytes, below the minimum " + min + " for all but the last part");
            }
        }
        return chosen;
    }

    private static String digest(List<PartRef> requested) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (PartRef ref : requested) {
                sha.update((ref.partNumber() + ":" + Etags.strip(ref.etag()) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
