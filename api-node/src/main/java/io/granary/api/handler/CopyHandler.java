package io.granary.api.handler;

import io.granary.api.crypto.CustomerKey;
import io.granary.api.pipeline.PartKeys;
import io.granary.api.auth.Caller;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.auth.RequestAuthorizer;
import io.granary.api.http.PartNumberParameter;
import io.granary.api.http.AclHeaders;
import io.granary.api.http.ByteRange;
import io.granary.api.http.CopySourceRange;
import io.granary.api.http.Conditionals;
import io.granary.api.http.ExpectedBucketOwner;
import io.granary.api.http.S3Headers;
import io.granary.api.http.S3Request;
import io.granary.api.http.StandardHeaders;
import io.granary.api.http.StorageClassHeader;
import io.granary.api.http.TaggingHeader;
import io.granary.api.http.UserMetadata;
import io.granary.api.xml.ObjectDocuments;
import io.granary.api.xml.Timestamps;
import io.granary.iam.checksum.ChecksumAlgorithm;
import io.granary.iam.policy.Decision;
import io.granary.metadata.model.Acl;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.ChecksumType;
import io.granary.metadata.model.Notice;
import io.granary.metadata.model.ObjectLayout;
import io.granary.metadata.model.ObjectLock;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.VersionRecord;
import io.granary.metadata.store.PutCondition;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * CopyObject and UploadPartCopy. The source is read through the same striped reader as a GET and
 * written as a new shard set, so a copy is as durable as an upload. Copying an object onto itself with
 * {@code x-amz-metadata-directive: REPLACE} only rewrites its metadata; with COPY it is refused, as S3
 * does.
 */
final class CopyHandler {
    private static final String READ_ACTION = "s3:GetObject";
    private static final String VERSION_READ_ACTION = "s3:GetObjectVersion";

    private final Services services;
    private final Access access;
    private final UploadedData uploads;
    private final UploadCommit commits;

    CopyHandler(Services services, Access access, UploadedData uploads, UploadCommit commits) {
        this.services = services;
        this.access = access;
        this.uploads = uploads;
        this.commits = commits;
    }

    Future<Void> copyObject(S3Request request, Caller caller) {
        CopySource source = CopySource.parse(request.header(S3Headers.COPY_SOURCE));
        boolean replaceMetadata = directive(request, S3Headers.METADATA_DIRECTIVE);
        boolean replaceTags = directive(request, S3Headers.TAGGING_DIRECTIVE);
        String storageClass = StorageClassHeader.parse(request.header(S3Headers.STORAGE_CLASS));
        AclHeaders aclHeaders = AclHeaders.parse(request.http().headers());
        boolean onto = source.bucket().equals(request.bucket()) && source.key().equals(request.key());
        // Copying an older version onto its key is how a version is restored: that one is a change.
        boolean encryptionNamed = request.header(S3Headers.SERVER_SIDE_ENCRYPTION) != null
                || request.header(S3Headers.SSE_CUSTOMER + "algorithm") != null;
        if (onto && source.versionId() == null && !replaceMetadata && !replaceTags && storageClass == null
                && !encryptionNamed) {
            throw S3Exception.of(S3Error.INVALID_REQUEST, "This copy request is illegal because it is trying to copy "
                    + "an object to itself without changing the object's metadata, storage class, website redirect "
                    + "location or encryption attributes.");
        }
        return access.bucket(request, caller, replaceTags ? TaggingHeader.ACTION : null)
                .compose(bucket -> {
                    // A copy is a new object: it gets the ACL the request names, never the source's.
                    Acl acl = access.newObjectAcl(aclHeaders, caller, bucket);
                    // Nor the source's lock: its own headers, or the bucket's default retention.
                    ObjectLock lock = ObjectLocks.requested(services, request, request.http().headers(), caller,
                            bucket, request.key());
                    return WritePreconditions.precheck(services, request).compose(condition ->
                            readSource(request, caller, source).compose(found -> {
                                ObjectRecord object = found.object();
                                CustomerKey sourceKey = ServerSideEncryption.forReading(request, object.encryption(),
                                        true);
                                ObjectRecord target = retarget(request, object, replaceMetadata, replaceTags)
                                        .withStorageClass(storageClass).withAcl(acl).withLock(lock);
                                // The copy's encryption is its own (header or bucket default), never the source's.
                                PartKeys.Request sse = ServerSideEncryption.chosen(request, request.http().headers(),
                                        bucket, services.keyStore());
                                // In a versioned bucket even a copy onto itself is a new version, with its own data;
                                // so is one that changes how the bytes are encrypted (an SSE-C copy always does).
                                Future<ObjectRecord> copied = onto && !bucket.versioned()
                                        && Objects.equals(sse == null ? null : sse.encryption(), object.encryption())
                                        ? rewriteInPlace(request, target, condition, notice(request, caller))
                                        : copyData(request, object, sourceKey, target, condition, sse,
                                                notice(request, caller));
                                return copied.map(record -> {
                                    ServerSideEncryption.describe(request.http().response().headers(),
                                            record.encryption(), ServerSideEncryption.keyMd5(request));
                                    Versions.describe(request.http().response(), bucket, record.versionId());
                                    return record;
                                });
                            }));
                })
                .compose(copied -> Responses.xml(request, new ObjectDocuments.CopyObjectResult(copied.etag(),
                        Timestamps.iso(Instant.ofEpochMilli(copied.lastModifiedMillis())),
                        ObjectHeaders.checksumFields(copied.checksums(), true))));
    }

    /** A copy onto itself: only the record changes, under the key's lock, if the destination condition holds. */
    private Future<ObjectRecord> rewriteInPlace(S3Request request, ObjectRecord target, PutCondition condition,
                                                Notice notice) {
        return services.metadata().call(store -> store.objects().update(request.bucket(), request.key(), null,
                current -> {
            condition.check(request.key(), current);
            // A master-key rotation may have re-wrapped the data keys since the source was read: keep its keys.
            return current.layout().sameExceptWrappedKeys(target.layout()) ? target.withLayout(current.layout())
                    : target;
        }, notice));
    }

    private static Notice notice(S3Request request, Caller caller) {
        return Notices.of("ObjectCreated:Copy", request, caller);
    }

    private Future<ObjectRecord> copyData(S3Request request, ObjectRecord source, CustomerKey sourceKey,
            ObjectRecord target, PutCondition condition, PartKeys.Request sse, Notice notice) {
        ChecksumAlgorithm algorithm = source.checksums().isEmpty() ? null
                : ChecksumAlgorithm.fromApiName(source.checksums().get(0).algorithm());
        return uploads.copy(reader(source, 0, source.size() - 1, sourceKey), source.size(), algorithm,
                ChecksumType.FULL_OBJECT, 1, sse).compose(data -> commitCopy(request, target, data, condition,
                notice));
    }

    /** Commits the copy as a new single-part object; if that fails its new shards are deleted. */
    private Future<ObjectRecord> commitCopy(S3Request request, ObjectRecord target, UploadedData.Result data,
            PutCondition condition, Notice notice) {
        ObjectLayout layout = new ObjectLayout(target.layout().k(), target.layout().m(), target.layout().blockSize(),
                List.of(data.layout()));
        ObjectRecord record = new ObjectRecord(target.key(), ObjectRecord.NULL_VERSION, data.layout().plainSize(),
                data.etag(), target.headers(), target.userMetadata(), target.tags(), data.checksums(),
                target.lastModifiedMillis(), layout, target.storageClass(), target.acl(), target.lock());
        return uploads.settle(data, services.metadata().call(store -> store.objects().put(request.bucket(), record,
                condition, data.healTasks(request.bucket(), record.key(), null, record.lastModifiedMillis()),
                notice)));
    }

    Future<Void> uploadPartCopy(S3Request request, Caller caller) {
        CopySource source = CopySource.parse(request.header(S3Headers.COPY_SOURCE));
        int partNumber = PartNumberParameter.of(request.query());
        String uploadId = request.query("uploadId");
        return access.bucket(request, caller)
                .compose(bucket -> services.metadata().call(store -> store.multipart().getUpload(bucket.name(),
                        request.key(), uploadId)))
                .compose(upload -> readSource(request, caller, source).compose(found -> {
                    ObjectRecord object = found.object();
                    ByteRange range = CopySourceRange.parse(request.header(S3Headers.COPY_SOURCE_RANGE),
                            object.size());
                    long first = range == null ? 0 : range.first();
                    long last = range == null ? object.size() - 1 : range.last();
                    ChecksumAlgorithm algorithm = upload.checksumAlgorithm() == null ? null
                            : ChecksumAlgorithm.fromApiName(upload.checksumAlgorithm());
                    CustomerKey sourceKey = ServerSideEncryption.forReading(request, object.encryption(), true);
                    PartKeys.Request sse = ServerSideEncryption.forPart(request, upload.encryption());
                    ServerSideEncryption.describe(request.http().response().headers(), upload.encryption(),
                            ServerSideEncryption.keyMd5(request));
                    return uploads.copy(reader(object, first, last, sourceKey), last - first + 1, algorithm,
                            upload.checksumType(), partNumber, sse);
                }))
                .compose(data -> commits.part(request.bucket(), request.key(), uploadId, data))
                .compose(data -> Responses.xml(request, new ObjectDocuments.CopyPartResult(data.etag(),
                        Timestamps.iso(Instant.ofEpochMilli(services.clock().millis())),
                        ObjectHeaders.checksumFields(data.checksums(), false))));
    }

    /**
     * Loads the source version (the latest, or the one the copy source names; never a delete marker), checks its
     * bucket's owner is the one {@code x-amz-source-expected-bucket-owner} names, that the caller may read it (by
     * policy, or by the source object's ACL) and the copy-source conditions, and names it in
     * {@code x-amz-copy-source-version-id}.
     */
    private Future<Versions.InBucket> readSource(S3Request request, Caller caller, CopySource source) {
        RequestAuthorizer authorizer = services.authorizer();
        String action = source.versionId() == null ? READ_ACTION : VERSION_READ_ACTION;
        return services.metadata().call(store -> {
            BucketRecord bucket = store.buckets().get(source.bucket());
            ExpectedBucketOwner.check(request.http().headers(), S3Headers.SOURCE_EXPECTED_BUCKET_OWNER,
                    authorizer.ownerAccountId(bucket));
            Decision decision = authorizer.decide(caller, request, action, bucket, source.key(), null);
            if (RequestAuthorizer.needsObjectAcl(decision, action, bucket, source.key())) {
                decision = authorizer.decide(caller, request, action, bucket, source.key(), store.objects()
                        .find(source.bucket(), source.key()).map(ObjectRecord::acl).orElse(null));
            }
            RequestAuthorizer.require(decision);
            VersionRecord version = store.objects().version(source.bucket(), source.key(), source.versionId());
            if (version.deleteMarker() && source.versionId() != null) {
                throw S3Exception.of(S3Error.INVALID_REQUEST, "The source of a copy request may not specifically "
                        + "refer to a delete marker by version id.");
            }
            if (version.deleteMarker()) throw Versions.deleteMarker(version, false);
            return new Versions.InBucket(bucket, version.object());
        }).map(found -> {
            ObjectRecord object = found.object();
            Conditionals.ofCopySource(request::header).check(object.etag(),
                    Instant.ofEpochMilli(object.lastModifiedMillis()));
            if (found.bucket().versioned()) {
                request.http().response().putHeader(S3Headers.COPY_SOURCE_VERSION_ID, object.versionId());
            }
            return found;
        });
    }

    private ReadStream<Buffer> reader(ObjectRecord object, long first, long last, CustomerKey key) {
        return services.shards().openReader(object, first, last, key, (index, damaged) -> { });
    }

    private ObjectRecord retarget(S3Request request, ObjectRecord source, boolean replaceMetadata,
            boolean replaceTags) {
        ObjectRecord target = source;
        long now = services.clock().millis();
        if (replaceMetadata) {
            target = target.withMetadata(StandardHeaders.parse(request::header),
                    UserMetadata.parse(request.http().headers()), now);
        } else {
            target = target.withMetadata(source.headers(), source.userMetadata(), now);
        }
        if (replaceTags) target = target.withTags(TaggingHeader.parse(request.header(S3Headers.TAGGING)));
        return new ObjectRecord(request.key(), target.versionId(), target.size(), target.etag(), target.headers(),
                target.userMetadata(), target.tags(), target.checksums(), target.lastModifiedMillis(),
                target.layout());
    }

    private static boolean directive(S3Request request, String header) {
        String value = request.header(header);
        if (value == null || value.equals("COPY")) return false;
        if (value.equals("REPLACE")) return true;
        throw S3Exception.of(S3Error.INVALID_ARGUMENT, "Unknown " + header).with("ArgumentName", header)
                .with("ArgumentValue", value);
    }
}
