package io.granary.api.handler;

import io.granary.api.pipeline.PartKeys;
import io.granary.api.auth.Caller;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.AclHeaders;
import io.granary.api.http.ChecksumHeaders;
import io.granary.api.http.S3Headers;
import io.granary.api.http.S3Request;
import io.granary.api.http.StandardHeaders;
import io.granary.api.http.StorageClassHeader;
import io.granary.api.http.TaggingHeader;
import io.granary.api.http.UserMetadata;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.ChecksumType;
import io.granary.metadata.model.ContentHeaders;
import io.granary.metadata.model.ObjectLock;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/**
 * PutObject: headers parsed and checked before a byte is read, the body striped onto a new shard set
 * ({@link UploadedData}), then one metadata batch commits the object (the replaced version's shards
 * to the garbage queue, shards that failed to the heal queue), honouring the If-* headers race-free
 * ({@link WritePreconditions}), with the owner and ACL its headers ask for. If the commit fails, the new shards
 * are deleted.
 */
final class ObjectWriteHandler {
    private final Services services;
    private final Access access;
    private final UploadedData uploads;
    private final UploadCommit commits;

    ObjectWriteHandler(Services services, Access access, UploadedData uploads, UploadCommit commits) {
        this.services = services;
        this.access = access;
        this.uploads = uploads;
        this.commits = commits;
    }

    Future<Void> putObject(S3Request request, Caller caller) {
        ChecksumHeaders checks = ChecksumHeaders.parse(request::header);
        ContentHeaders headers = StandardHeaders.parse(request::header);
        Map<String, String> metadata = UserMetadata.parse(request.http().headers());
        Map<String, String> tags = TaggingHeader.parse(request.header(S3Headers.TAGGING));
        String storageClass = StorageClassHeader.parse(request.header(S3Headers.STORAGE_CLASS));
        AclHeaders aclHeaders = AclHeaders.parse(request.http().headers());
        UploadedData.declaredSize(request, caller);
        String tagging = request.header(S3Headers.TAGGING) == null ? null : TaggingHeader.ACTION;
        return access.bucket(request, caller, tagging)
                .compose(bucket -> {
                    UploadCommit.Attributes attributes = new UploadCommit.Attributes(headers, metadata, tags,
                            storageClass, access.newObjectAcl(aclHeaders, caller, bucket),
                            locked(request, caller, bucket, checks));
                    PartKeys.Request sse = ServerSideEncryption.chosen(request, request.http().headers(), bucket,
                            services.keyStore());
                    return WritePreconditions.precheck(services, request).compose(condition ->
                            uploads.store(request, caller, checks, ChecksumType.FULL_OBJECT, 1, sse).compose(data ->
                                    commits.object(request, request.key(), data, attributes, condition,
                                            Notices.of("ObjectCreated:Put", request, caller))));
                })
                .compose(data -> respond(request, data, checks));
    }

    /** The lock the PUT asks for; S3 wants such a write's bytes checked (Content-MD5 or a checksum). */
    private ObjectLock locked(S3Request request, Caller caller, BucketRecord bucket, ChecksumHeaders checks) {
        ObjectLock lock = ObjectLocks.requested(services, request, request.http().headers(), caller, bucket,
                request.key());
        if (lock != null && !checks.present()) {
            throw S3Exception.of(S3Error.INVALID_REQUEST, "Content-MD5 OR x-amz-checksum- HTTP header is required "
                    + "for Put Object requests with Object Lock parameters");
        }
        return lock;
    }

    private static Future<Void> respond(S3Request request, UploadedData.Result data, ChecksumHeaders checks) {
        HttpServerResponse response = request.http().response().putHeader(S3Headers.ETAG, data.etag());
        ServerSideEncryption.describe(response.headers(), data.encryption(), ServerSideEncryption.keyMd5(request));
        if (data.checksum() != null) {
            response.putHeader(checks.algorithm().headerName(), ChecksumHeaders.encode(data.checksum()));
        }
        return Responses.empty(request, 200);
    }
}
