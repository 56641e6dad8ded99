package io.granary.api.handler;

import io.granary.api.auth.Caller;
import io.granary.api.error.ErrorMapping;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.ChecksumHeaders;
import io.granary.api.http.Conditionals;
import io.granary.api.http.S3Headers;
import io.granary.api.http.S3Operation;
import io.granary.api.http.S3Request;
import io.granary.api.http.VersionIdParameter;
import io.granary.api.xml.ObjectDocuments.DeleteError;
import io.granary.api.xml.ObjectDocuments.DeleteResult;
import io.granary.api.xml.ObjectDocuments.Deleted;
import io.granary.api.xml.RequestDocuments.Delete;
import io.granary.api.xml.RequestDocuments.ObjectIdentifier;
import io.granary.api.xml.XmlWriter;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.EventOrigin;
import io.granary.metadata.store.DeleteOutcome;
import io.granary.metadata.store.PutCondition;
import io.granary.metadata.store.VersionIds;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * DeleteObject and DeleteObjects. Deleting removes the record and queues the shards for the garbage
 * collector in one batch (in a versioned bucket: writes a delete marker, or with a version id removes that
 * version); deleting a missing key or version succeeds, as in S3. DeleteObjects needs Content-MD5
 * or an {@code x-amz-checksum-*} header over its body, at most 1000 keys, and answers per key (only
 * errors in quiet mode), each key authorized on its own.
 */
final class DeleteHandler {
    private static final int MAX_KEYS = 1000;
    private static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    private final Services services;
    private final Access access;

    DeleteHandler(Services services, Access access) {
        this.services = services;
        this.access = access;
    }

    Future<Void> deleteObject(S3Request request, Caller caller) {
        String versionId = VersionIdParameter.of(request);
        PutCondition condition = Conditionals.ofRequest(request::header).forWrite();
        return access.bucket(request, caller)
                .compose(bucket -> {
                    boolean bypass = ObjectLocks.bypass(services, request, caller, bucket, request.key());
                    return services.metadata().call(store -> store.objects().delete(bucket.name(), request.key(),
                            versionId, condition, markerOwner(caller), bypass, Notices.origin(request, caller)))
                            .map(outcome -> {
                                Versions.describe(request.http().response(), bucket, outcome.versionId());
                                if (outcome.deleteMarker()) {
                                    request.http().response().putHeader(S3Headers.DELETE_MARKER, "true");
                                }
                                return outcome;
                            });
                })
                .compose(deleted -> Responses.empty(request, 204));
    }

    Future<Void> deleteObjects(S3Request request, Caller caller) {
        ChecksumHeaders checks = SmallBody.requireIntegrity(request);
        // Each key is authorized on its own (s3:DeleteObject on bucket/KEY), as AWS does: a policy scoped to
        // the keys (arn:aws:s3:::b/*) must suffice, and refused keys are per-key AccessDenied errors.
        return access.load(request)
                .compose(bucket -> SmallBody.read(request, caller, MAX_BODY_BYTES, checks).map(DeleteHandler::parse)
                        .compose(delete -> deleteAll(request, caller, bucket, delete)))
                .compose(result -> Responses.xml(request, result));
    }

    /** The canonical id a delete marker written by {@code caller} is owned by; null (the bucket owner) if anonymous. */
    private String markerOwner(Caller caller) {
        return caller.accountId() == null ? null : services.authorizer().grantees().canonicalId(caller.accountId());
    }

    private static Delete parse(Buffer body) {
        try {
            Delete delete = XmlWriter.mapper().readValue(body.getBytes(), Delete.class);
            if (delete.objects() == null || delete.objects().isEmpty() || delete.objects().size() > MAX_KEYS) {
                throw S3Exception.of(S3Error.MALFORMED_XML);
            }
            return delete;
        } catch (IOException e) {
            throw S3Exception.of(S3Error.MALFORMED_XML);
        }
    }

    /**
     * An entry's ETag is its If-Match (S3, 2025), checked under the key's lock like DeleteObject's; its
     * LastModifiedTime and Size (directory buckets only) are refused for that entry.
     */
    private static PutCondition condition(ObjectIdentifier object) {
        if (object.lastModifiedTime() != null || object.size() != null) {
            throw S3Exception.of(S3Error.NOT_IMPLEMENTED, "LastModifiedTime and Size conditions are not implemented.");
        }
        return object.etag() == null ? PutCondition.none() : PutCondition.ifMatch(object.etag().trim());
    }

    private Future<DeleteResult> deleteAll(S3Request request, Caller caller, BucketRecord bucket, Delete delete) {
        boolean quiet = Boolean.TRUE.equals(delete.quiet());
        List<Deleted> deleted = new ArrayList<>();
        List<DeleteError> errors = new ArrayList<>();
        List<ObjectIdentifier> allowed = new ArrayList<>();
        List<PutCondition> conditions = new ArrayList<>();
        List<Boolean> bypasses = new ArrayList<>();
        for (ObjectIdentifier object : delete.objects()) {
            try {
                PutCondition condition = condition(object);
                if (object.key() == null || object.key().isEmpty()) throw S3Exception.of(S3Error.MALFORMED_XML);
                if (object.versionId() != null && !VersionIds.isWellFormed(object.versionId())) {
                    throw S3Exception.of(S3Error.NO_SUCH_VERSION);
                }
                services.authorizer().authorize(caller, request, Versions.action(S3Operation.DELETE_OBJECT,
                        object.versionId()), bucket, object.key());
                allowed.add(object);
                conditions.add(condition);
                bypasses.add(ObjectLocks.bypass(services, request, caller, bucket, object.key()));
            } catch (RuntimeException e) {
                S3Exception error = ErrorMapping.toS3(e);
                errors.add(new DeleteError(object.key(), error.error().code(), error.getMessage()));
            }
        }
        EventOrigin origin = Notices.origin(request, caller);
        return services.metadata().call(store -> {
            String owner = markerOwner(caller);
            for (int i = 0; i < allowed.size(); i++) {
                ObjectIdentifier object = allowed.get(i);
                try {
                    DeleteOutcome outcome = store.objects().delete(bucket.name(), object.key(), object.versionId(),
                            conditions.get(i), owner, bypasses.get(i), origin);
                    if (!quiet) deleted.add(Deleted.of(object.key(), object.versionId(), outcome));
                } catch (RuntimeException e) {
                    S3Exception error = ErrorMapping.toS3(e);
                    errors.add(new DeleteError(object.key(), error.error().code(), error.getMessage()));
                }
            }
            return new DeleteResult(deleted, errors);
        });
    }
}
