package io.granary.api.handler;

import io.granary.api.http.S3Request;
import io.granary.metadata.model.Acl;
import io.granary.metadata.model.ContentHeaders;
import io.granary.metadata.model.Notice;
import io.granary.metadata.model.ObjectLayout;
import io.granary.metadata.model.ObjectLock;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.PartRecord;
import io.granary.metadata.store.PutCondition;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * The metadata half of a write: uploaded data becomes an object (PutObject, PostObject) or a part
 * (UploadPart, UploadPartCopy) in one metadata batch, with heal tasks for the shards that failed; if
 * the commit fails, the new shards are deleted. Shared by the handler families that write.
 */
final class UploadCommit {
    private final Services services;
    private final UploadedData uploads;

    UploadCommit(Services services, UploadedData uploads) {
        this.services = services;
        this.uploads = uploads;
    }

    /**
     * What an object write stores besides its bytes; {@code acl} null: the owner's FULL_CONTROL; {@code lock}
     * null: none asked for (the bucket's default retention, if any, applies).
     */
    record Attributes(ContentHeaders headers, Map<String, String> metadata, Map<String, String> tags,
            String storageClass, Acl acl, ObjectLock lock) {
        Attributes withAcl(Acl newAcl) {
            return new Attributes(headers, metadata, tags, storageClass, newAcl, lock);
        }

        Attributes withLock(ObjectLock newLock) {
            return new Attributes(headers, metadata, tags, storageClass, acl, newLock);
        }
    }

    /**
     * Commits the uploaded data as object {@code key} in the request's bucket, honouring {@code condition}
     * race-free, with the events of {@code notice}, and answers with the version it became
     * ({@code x-amz-version-id}).
     */
    Future<UploadedData.Result> object(S3Request request, String key, UploadedData.Result data,
            Attributes attributes, PutCondition condition, Notice notice) {
        String bucket = request.bucket();
        long now = services.clock().millis();
        ObjectRecord record = new ObjectRecord(key, ObjectRecord.NULL_VERSION, data.layout().plainSize(),
                data.etag(), attributes.headers(), attributes.metadata(), attributes.tags(), data.checksums(), now,
                new ObjectLayout(services.shards().layout().dataShards(), services.shards().layout().parityShards(),
                        services.shards().layout().blockSize(), List.of(data.layout())), attributes.storageClass(),
                attributes.acl(), attributes.lock());
        return orDiscard(data, services.metadata().call(store -> new Versions.InBucket(store.buckets().get(bucket),
                        store.objects().put(bucket, record, condition, data.healTasks(bucket, key, null, now),
                                notice)))
                .map(committed -> {
                    Versions.describe(request.http().response(), committed.bucket(), committed.object().versionId());
                    ExpirationHeader.describe(services, request.http().response(), committed.bucket(),
                            committed.object());
                    return committed;
                }));
    }

    /** Records a part of upload {@code uploadId}; if the upload is gone, its shards are deleted. */
    Future<UploadedData.Result> part(String bucket, String key, String uploadId, UploadedData.Result data) {
        long now = services.clock().millis();
        PartRecord part = new PartRecord(data.layout(), services.shards().layout().dataShards(),
                services.shards().layout().parityShards(), services.shards().layout().blockSize(), data.checksums(),
                now);
        return orDiscard(data, services.metadata().call(store -> store.multipart().putPart(bucket, key, uploadId,
                part, data.healTasks(bucket, key, uploadId, now))));
    }

    private Future<UploadedData.Result> orDiscard(UploadedData.Result data, Future<?> commit) {
        return uploads.settle(data, commit.map(committed -> data));
    }
}
