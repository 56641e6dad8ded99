package io.granary.api.handler;

import io.granary.metadata.model.Encryption;
import io.granary.api.pipeline.PartKeys;
import io.granary.api.auth.Caller;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.PartNumberParameter;
import io.granary.api.http.AclHeaders;
import io.granary.api.http.ChecksumHeaders;
import io.granary.api.http.CountParameter;
import io.granary.api.http.S3Headers;
import io.granary.api.http.S3Request;
import io.granary.api.http.StandardHeaders;
import io.granary.api.http.StorageClassHeader;
import io.granary.api.http.TaggingHeader;
import io.granary.api.http.UserMetadata;
import io.granary.api.xml.ListBucketResult;
import io.granary.api.xml.MultipartDocuments;
import io.granary.api.xml.Owner;
import io.granary.api.xml.RequestDocuments.CompleteMultipartUpload;
import io.granary.api.xml.RequestDocuments.CompletedPart;
import io.granary.api.xml.Timestamps;
import io.granary.api.xml.XmlWriter;
import io.granary.iam.checksum.ChecksumAlgorithm;
import io.granary.metadata.model.ChecksumType;
import io.granary.metadata.model.CompletedUpload;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.PartRecord;
import io.granary.metadata.model.PartRef;
import io.granary.metadata.model.UploadRecord;
import io.granary.metadata.store.ObjectAssembler;
import io.granary.metadata.store.PartPage;
import io.granary.metadata.store.PutCondition;
import io.granary.metadata.store.UploadPage;
import io.granary.metadata.store.UploadQuery;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Locale;

/**
 * Multipart uploads: create, upload a part (its own shard set, never re-encoded), complete (one
 * metadata batch assembles the object from the parts; ETag {@code md5(part MD5s)-N}, COMPOSITE or
 * FULL_OBJECT checksums), abort, and the two listings. Completing twice with the same parts returns
 * the same result; the store decides races with abort.
 */
final class MultipartHandler {
    private static final int MAX_COMPLETE_BYTES = 4 * 1024 * 1024;

    private final Services services;
    private final Access access;
    private final UploadedData uploads;
    private final UploadCommit commits;
    private final MultipartResults results = new MultipartResults();

    MultipartHandler(Services services, Access access, UploadedData uploads, UploadCommit commits) {
        this.services = services;
        this.access = access;
        this.uploads = uploads;
        this.commits = commits;
    }

    Future<Void> create(S3Request request, Caller caller) {
        String algorithmName = request.header(S3Headers.CHECKSUM_ALGORITHM);
        ChecksumAlgorithm algorithm = algorithmName == null ? null : ChecksumHeaders.algorithm(algorithmName);
        ChecksumType type = checksumType(request.header(S3Headers.CHECKSUM_TYPE), algorithm);
        AclHeaders acl = AclHeaders.parse(request.http().headers());
        UploadRecord draft = UploadRecord.draft(request.key(), services.authorizer().initiator(caller).id(),
                StandardHeaders.parse(request::header), UserMetadata.parse(request.http().headers()),
                TaggingHeader.parse(request.header(S3Headers.TAGGING)), algorithm == null ? null : algorithm.apiName(),
                type).withStorageClass(StorageClassHeader.parse(request.header(S3Headers.STORAGE_CLASS)));
        return access.bucket(request, caller)
                .compose(bucket -> {
                    UploadRecord upload = draft.withAcl(access.newObjectAcl(acl, caller, bucket)).withLock(
                            ObjectLocks.requested(services, request, request.http().headers(), caller, bucket,
                                    request.key())).withEncryption(encryption(request, bucket));
                    return services.metadata().call(store -> store.multipart().create(bucket.name(), upload));
                })
                .compose(upload -> {
                    ServerSideEncryption.describe(request.http().response().headers(), upload.encryption(),
                            ServerSideEncryption.keyMd5(request));
                    if (algorithm != null) {
                        request.http().response().putHeader(S3Headers.CHECKSUM_ALGORITHM, algorithm.apiName())
                                .putHeader(S3Headers.CHECKSUM_TYPE, type.name());
                    }
                    return Responses.xml(request, new MultipartDocuments.InitiateMultipartUploadResult(
                            request.bucket(), request.key(), upload.uploadId()));
                });
    }

    /** The upload's encryption; the client's SSE-C key itself is not kept, each part brings it again. */
    private Encryption encryption(S3Request request, BucketRecord bucket) {
        PartKeys.Request chosen = ServerSideEncryption.chosen(request, request.http().headers(), bucket,
                services.keyStore());
        return chosen == null ? null : chosen.encryption();
    }

    private static ChecksumType checksumType(String header, ChecksumAlgorithm algorithm) {
        if (header == null) {
            return algorithm == null ? null : algorithm == ChecksumAlgorithm.CRC64NVME ? ChecksumType.FULL_OBJECT
                    : ChecksumType.COMPOSITE;
        }
        ChecksumType type = ChecksumHeaders.type(header);
        if (algorithm == null) {
            throw S3Exception.of(S3Error.INVALID_REQUEST, "The x-amz-checksum-type header can only be used with "
                    + "the x-amz-checksum-algorithm header.");
        }
        boolean supported = type == ChecksumType.COMPOSITE ? algorithm.supportsComposite()
                : algorithm.supportsFullObject();
        if (!supported) {
            throw S3Exception.of(S3Error.INVALID_REQUEST, "The " + type + " checksum type cannot be used with the "
                    + algorithm.apiName() + " checksum algorithm.");
        }
        return type;
    }

    Future<Void> uploadPart(S3Request request, Caller caller) {
        int partNumber = PartNumberParameter.of(request.query());
        String uploadId = request.query("uploadId");
        ChecksumHeaders sent = ChecksumHeaders.parse(request::header);
        UploadedData.declaredSize(request, caller);
        return access.bucket(request, caller)
                .compose(bucket -> services.metadata().call(store -> store.multipart().getUpload(bucket.name(),
                        request.key(), uploadId)))
                .compose(upload -> {
                    ChecksumHeaders checks = partChecks(sent, upload);
                    PartKeys.Request sse = ServerSideEncryption.forPart(request, upload.encryption());
                    ServerSideEncryption.describe(request.http().response().headers(), upload.encryption(),
                            ServerSideEncryption.keyMd5(request));
                    return uploads.store(request, caller, checks, upload.checksumType(), partNumber, sse)
                            .compose(data -> commits.part(request.bucket(), request.key(), uploadId, data))
                            .compose(data -> respondPart(request, data, checks, upload.checksumType()));
                });
    }

    /**
     * The checksum a part is verified and stored with: the upload's algorithm when it has one (a part sent
     * with another is refused, so parts never mix algorithms), else whatever the part itself sent.
     */
    private static ChecksumHeaders partChecks(ChecksumHeaders sent, UploadRecord upload) {
        if (upload.checksumAlgorithm() == null) return sent;
        ChecksumAlgorithm expected = ChecksumAlgorithm.fromApiName(upload.checksumAlgorithm());
        if (sent.algorithm() == null) return new ChecksumHeaders(sent.contentMd5(), expected, null, false);
        if (sent.algorithm() != expected) {
            throw S3Exception.of(S3Error.INVALID_REQUEST, "Checksum Type mismatch occurred, expected checksum Type: "
                    + expected.apiName().toLowerCase(Locale.ROOT) + ", actual checksum Type: "
                    + sent.algorithm().apiName().toLowerCase(Locale.ROOT));
        }
        return sent;
    }

    private static Future<Void> respondPart(S3Request request, UploadedData.Result data, ChecksumHeaders checks,
            ChecksumType type) {
        request.http().response().putHeader(S3Headers.ETAG, data.etag());
        if (data.checksum() != null) {
            request.http().response().putHeader(checks.algorithm().headerName(),
                    ChecksumHeaders.encode(data.checksum()));
            if (type != null) request.http().response().putHeader(S3Headers.CHECKSUM_TYPE, type.name());
        }
        return Responses.empty(request, 200);
    }

    Future<Void> complete(S3Request request, Caller caller) {
        String uploadId = request.query("uploadId");
        return access.bucket(request, caller)
                .compose(bucket -> WritePreconditions.precheck(services, request)
                        .compose(condition -> SmallBody.read(request, caller, MAX_COMPLETE_BYTES)
                                .compose(body -> commitComplete(request, caller, uploadId, condition,
                                        completeBody(request, body))))
                        .map(done -> {
                            Versions.describe(request.http().response(), bucket, done.versionId());
                            return done;
                        }))
                .compose(done -> Responses.xml(request, completeResult(request, done)));
    }

    /** Completes the upload in one metadata batch, if the condition and what the body claims hold. */
    private Future<CompletedUpload> commitComplete(S3Request request, Caller caller, String uploadId,
            PutCondition condition, CompleteBody body) {
        // The encryption of the parts, echoed as S3 does (a repeated complete answered from its record has none).
        AtomicReference<Encryption> sse = new AtomicReference<>();
        ObjectAssembler assembler = (upload, parts) -> {
            // The SSE-C key is optional on Complete (boto3 sends it); when given it must be the upload's.
            ServerSideEncryption.checkOptionalKey(request, upload.encryption());
            sse.set(upload.encryption());
            return results.assemble(upload, parts, body.claims(), services.clock().millis(),
                    services.shards().layout());
        };
        return services.metadata().call(store -> store.multipart().complete(request.bucket(), request.key(),
                uploadId, body.refs(), condition, assembler, Notices.origin(request, caller))).map(done -> {
                    ServerSideEncryption.describe(request.http().response().headers(), sse.get(),
                            ServerSideEncryption.keyMd5(request));
                    return done;
                });
    }

    /** The parts a CompleteMultipartUpload names and what it claims about them. */
    private record CompleteBody(List<PartRef> refs, CompletionClaims claims) {
    }

    private static MultipartDocuments.CompleteMultipartUploadResult completeResult(S3Request request,
            CompletedUpload done) {
        return new MultipartDocuments.CompleteMultipartUploadResult("/" + request.bucket() + "/" + request.key(),
                request.bucket(), request.key(), done.etag(), ObjectHeaders.checksumFields(done.checksums(), true));
    }

    private static CompleteBody completeBody(S3Request request, Buffer body) {
        CompleteMultipartUpload document;
        try {
            document = XmlWriter.mapper().readValue(body.getBytes(), CompleteMultipartUpload.class);
        } catch (IOException e) {
            throw S3Exception.of(S3Error.MALFORMED_XML);
        }
        if (document.parts() == null || document.parts().isEmpty()) throw S3Exception.of(S3Error.MALFORMED_XML);
        List<PartRef> refs = new ArrayList<>();
        for (CompletedPart part : document.parts()) {
            if (part.partNumber() == null || part.etag() == null) throw S3Exception.of(S3Error.MALFORMED_XML);
            refs.add(new PartRef(part.partNumber(), part.etag()));
        }
        return new CompleteBody(refs, CompletionClaims.parse(request, document.parts()));
    }

    Future<Void> abort(S3Request request, Caller caller) {
        String uploadId = request.query("uploadId");
        return access.bucket(request, caller)
                .compose(bucket -> services.metadata().call(store -> {
                    store.multipart().abort(bucket.name(), request.key(), uploadId);
                    return null;
                }))
                .compose(v -> Responses.empty(request, 204));
    }

    Future<Void> listParts(S3Request request, Caller caller) {
        String uploadId = request.query("uploadId");
        int marker = intParam(request, "part-number-marker", 0);
        int max = Math.min(intParam(request, "max-parts", 1000), 1000);
        Owner initiator = services.authorizer().initiator(caller);
        return access.bucket(request, caller)
                .compose(bucket -> services.metadata().call(store -> new UploadParts(bucket,
                        store.multipart().getUpload(bucket.name(), request.key(), uploadId),
                        store.multipart().listParts(bucket.name(), request.key(), uploadId, marker, max))))
                .compose(found -> {
                    UploadRecord upload = found.upload();
                    PartPage page = found.page();
                    List<MultipartDocuments.Part> parts = page.parts().stream().map(MultipartHandler::part).toList();
                    return Responses.xml(request, new MultipartDocuments.ListPartsResult(request.bucket(),
                            request.key(), uploadId, initiator, services.authorizer().bucketOwner(found.bucket()),
                            StorageClassHeader.report(upload.storageClass()), marker,
                            page.truncated() ? page.nextPartNumberMarker() : null, max, page.truncated(),
                            upload.checksumAlgorithm(), upload.checksumType() == null ? null
                                    : upload.checksumType().name(), parts));
                });
    }

    private static MultipartDocuments.Part part(PartRecord part) {
        return new MultipartDocuments.Part(part.partNumber(), Timestamps.iso(Instant.ofEpochMilli(
                part.lastModifiedMillis())), part.etag(), part.size(), ObjectHeaders.checksumFields(part.checksums(),
                        false));
    }

    Future<Void> listUploads(S3Request request, Caller caller) {
        UploadQuery query = new UploadQuery(request.query("prefix"), request.query("delimiter"),
                request.query("key-marker"), request.query("upload-id-marker"),
                intParam(request, "max-uploads", 1000));
        return access.bucket(request, caller)
                .compose(bucket -> services.metadata().call(store -> store.multipart().listUploads(bucket.name(),
                        query)).compose(page -> Responses.xml(request, uploads(request, query, page,
                        services.authorizer().bucketOwner(bucket)))));
    }

    private static MultipartDocuments.ListMultipartUploadsResult uploads(S3Request request, UploadQuery query,
            UploadPage page, Owner owner) {
        return new MultipartDocuments.ListMultipartUploadsResult(
                        request.bucket(), request.query("key-marker"), request.query("upload-id-marker"),
                        page.nextKeyMarker(), page.nextUploadIdMarker(), request.query("prefix"),
                        request.query("delimiter"), query.maxUploads(), null, page.truncated(),
                        page.uploads().stream().map(u -> new MultipartDocuments.Upload(u.key(), u.uploadId(), owner,
                                owner, StorageClassHeader.report(u.storageClass()),
                                Timestamps.iso(Instant.ofEpochMilli(u.initiatedMillis())),
                                u.checksumAlgorithm(), u.checksumType() == null ? null : u.checksumType().name()))
                                .toList(),
                        page.commonPrefixes().stream().map(ListBucketResult.CommonPrefix::new).toList());
    }

    /** An upload and one page of its parts, read together. */
    private record UploadParts(BucketRecord bucket, UploadRecord upload, PartPage page) {
    }

    static int intParam(S3Request request, String name, int fallback) {
        return CountParameter.parse(name, request.query(name), fallback);
    }
}
