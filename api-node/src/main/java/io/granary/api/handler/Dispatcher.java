package io.granary.api.handler;

import io.granary.api.auth.Caller;
import io.granary.api.auth.RequestAuthenticator;
import io.granary.api.http.RequestFeatures;
import io.granary.api.http.S3Operation;
import io.granary.api.http.S3Request;
import io.vertx.core.Future;

/**
 * Authenticates each routed request and hands it to the handler of its operation. The switch has no
 * default: an operation added to {@code S3Operation} does not compile until it is dispatched.
 */
public final class Dispatcher {
    private final RequestAuthenticator authenticator;
    private final BucketHandler buckets;
    private final ListHandler lists;
    private final ObjectReadHandler reads;
    private final ObjectWriteHandler writes;
    private final DeleteHandler deletes;
    private final CopyHandler copies;
    private final MultipartHandler multipart;
    private final SubresourceHandler subresources;
    private final UnsetConfigurationHandler configurations;
    private final AclHandler acls;
    private final OwnershipControlsHandler ownership;
    private final PublicAccessBlockHandler publicAccess;
    private final CorsHandler cors;
    private final BucketTaggingHandler bucketTags;
    private final VersioningHandler versioning;
    private final ObjectLockHandler locks;
    private final LifecycleHandler lifecycle;
    private final NotificationHandler notifications;
    private final BucketEncryptionHandler encryption;
    private final PostObjectHandler posts;

    public Dispatcher(RequestAuthenticator authenticator, Services services) {
        this.authenticator = authenticator;
        Access access = new Access(services);
        UploadedData uploads = new UploadedData(services);
        this.buckets = new BucketHandler(services, access);
        this.lists = new ListHandler(services, access);
        this.reads = new ObjectReadHandler(services, access);
        UploadCommit commits = new UploadCommit(services, uploads);
        this.writes = new ObjectWriteHandler(services, access, uploads, commits);
        this.deletes = new DeleteHandler(services, access);
        this.multipart = new MultipartHandler(services, access, uploads, commits);
        this.copies = new CopyHandler(services, access, uploads, commits);
        this.subresources = new SubresourceHandler(services, access);
        this.configurations = new UnsetConfigurationHandler(access);
        this.acls = new AclHandler(services, access);
        this.ownership = new OwnershipControlsHandler(services, access);
        this.publicAccess = new PublicAccessBlockHandler(services, access);
        this.cors = new CorsHandler(services, access);
        this.bucketTags = new BucketTaggingHandler(services, access);
        this.versioning = new VersioningHandler(services, access);
        this.locks = new ObjectLockHandler(services, access);
        this.lifecycle = new LifecycleHandler(services, access);
        this.notifications = new NotificationHandler(services, access);
        this.encryption = new BucketEncryptionHandler(services, access);
        this.posts = new PostObjectHandler(services, access, uploads, authenticator, commits);
    }

    /**
     * Runs the request; a failed future carries the error to answer with. A preflight is answered before
     * authentication; any other request first gets the CORS headers its Origin earns, so errors carry them too.
     */
    public Future<Void> dispatch(S3Request request) {
        if (request.route().operation() == S3Operation.PREFLIGHT) {
            // Browsers send no credentials on a preflight: there is no caller to authenticate.
            return Future.<Void>succeededFuture().compose(v -> run(request, null));
        }
        return cors.decorate(request).compose(v -> authenticated(request));
    }

    private Future<Void> authenticated(S3Request request) {
        try {
            Caller caller = authenticator.authenticate(request);
            RequestFeatures.refuseUnsupported(request.route().operation(), request.http().headers());
            return run(request, caller);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private Future<Void> run(S3Request r, Caller c) {
        return switch (r.route().operation()) {
            case LIST_BUCKETS -> buckets.listBuckets(r, c);
            case CREATE_BUCKET -> buckets.createBucket(r, c);
            case HEAD_BUCKET -> buckets.headBucket(r, c);
            case DELETE_BUCKET -> buckets.deleteBucket(r, c);
            case GET_BUCKET_LOCATION -> buckets.getLocation(r, c);
            case GET_BUCKET_VERSIONING -> versioning.get(r, c);
            case PUT_BUCKET_VERSIONING -> versioning.put(r, c);
            case GET_BUCKET_ACL -> acls.getBucketAcl(r, c);
            case PUT_BUCKET_ACL -> acls.putBucketAcl(r, c);
            case GET_BUCKET_OWNERSHIP_CONTROLS -> ownership.get(r, c);
            case PUT_BUCKET_OWNERSHIP_CONTROLS -> ownership.put(r, c);
            case DELETE_BUCKET_OWNERSHIP_CONTROLS -> ownership.delete(r, c);
            case GET_PUBLIC_ACCESS_BLOCK -> publicAccess.get(r, c);
            case PUT_PUBLIC_ACCESS_BLOCK -> publicAccess.put(r, c);
            case DELETE_PUBLIC_ACCESS_BLOCK -> publicAccess.delete(r, c);
            case GET_BUCKET_POLICY_STATUS -> publicAccess.policyStatus(r, c);
            case GET_BUCKET_POLICY -> subresources.getBucketPolicy(r, c);
            case PUT_BUCKET_POLICY -> subresources.putBucketPolicy(r, c);
            case DELETE_BUCKET_POLICY -> subresources.deleteBucketPolicy(r, c);
            case GET_BUCKET_CORS -> cors.get(r, c);
            case PUT_BUCKET_CORS -> cors.put(r, c);
            case DELETE_BUCKET_CORS -> cors.delete(r, c);
            case PREFLIGHT -> cors.preflight(r);
            case GET_BUCKET_TAGGING -> bucketTags.get(r, c);
            case PUT_BUCKET_TAGGING -> bucketTags.put(r, c);
            case DELETE_BUCKET_TAGGING -> bucketTags.delete(r, c);
            case GET_OBJECT_LOCK_CONFIGURATION -> locks.getConfiguration(r, c);
            case PUT_OBJECT_LOCK_CONFIGURATION -> locks.putConfiguration(r, c);
            case GET_OBJECT_RETENTION -> locks.getRetention(r, c);
            case PUT_OBJECT_RETENTION -> locks.putRetention(r, c);
            case GET_OBJECT_LEGAL_HOLD -> locks.getLegalHold(r, c);
            case PUT_OBJECT_LEGAL_HOLD -> locks.putLegalHold(r, c);
            case GET_BUCKET_NOTIFICATION -> notifications.get(r, c);
            case PUT_BUCKET_NOTIFICATION -> notifications.put(r, c);
            case GET_BUCKET_LIFECYCLE -> lifecycle.get(r, c);
            case PUT_BUCKET_LIFECYCLE -> lifecycle.put(r, c);
            case DELETE_BUCKET_LIFECYCLE -> lifecycle.delete(r, c);
            case GET_BUCKET_ENCRYPTION -> encryption.get(r, c);
            case PUT_BUCKET_ENCRYPTION -> encryption.put(r, c);
            case DELETE_BUCKET_ENCRYPTION -> encryption.delete(r, c);
            case GET_BUCKET_WEBSITE, GET_BUCKET_REQUEST_PAYMENT,
                    GET_BUCKET_ACCELERATE, GET_BUCKET_LOGGING ->
                    configurations.get(r, c);
            case LIST_OBJECTS -> lists.listV1(r, c);
            case LIST_OBJECTS_V2 -> lists.listV2(r, c);
            case LIST_OBJECT_VERSIONS -> lists.listVersions(r, c);
            case LIST_MULTIPART_UPLOADS -> multipart.listUploads(r, c);
            case DELETE_OBJECTS -> deletes.deleteObjects(r, c);
            case PUT_OBJECT -> writes.putObject(r, c);
            case POST_OBJECT -> posts.postObject(r, c);
            case COPY_OBJECT -> copies.copyObject(r, c);
            case GET_OBJECT, HEAD_OBJECT -> reads.getObject(r, c);
            case DELETE_OBJECT -> deletes.deleteObject(r, c);
            case GET_OBJECT_ATTRIBUTES -> subresources.getObjectAttributes(r, c);
            case GET_OBJECT_TAGGING -> subresources.getObjectTagging(r, c);
            case PUT_OBJECT_TAGGING -> subresources.putObjectTagging(r, c);
            case DELETE_OBJECT_TAGGING -> subresources.deleteObjectTagging(r, c);
            case GET_OBJECT_ACL -> acls.getObjectAcl(r, c);
            case PUT_OBJECT_ACL -> acls.putObjectAcl(r, c);
            case CREATE_MULTIPART_UPLOAD -> multipart.create(r, c);
            case UPLOAD_PART -> multipart.uploadPart(r, c);
            case UPLOAD_PART_COPY -> copies.uploadPartCopy(r, c);
            case COMPLETE_MULTIPART_UPLOAD -> multipart.complete(r, c);
            case ABORT_MULTIPART_UPLOAD -> multipart.abort(r, c);
            case LIST_PARTS -> multipart.listParts(r, c);
        };
    }
}
