package io.granary.api.handler;

import io.granary.api.auth.Caller;
import io.granary.api.auth.RequestAuthorizer;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.AclHeaders;
import io.granary.api.http.ListBucketsParams;
import io.granary.api.http.ObjectLockHeaders;
import io.granary.api.http.S3Headers;
import io.granary.api.http.S3Request;
import io.granary.api.xml.BucketDocuments;
import io.granary.api.xml.ListAllMyBucketsResult;
import io.granary.api.xml.RequestDocuments.CreateBucketConfiguration;
import io.granary.api.xml.Timestamps;
import io.granary.api.xml.XmlWriter;
import io.granary.metadata.model.Acl;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.store.BucketStore;
import io.granary.metadata.store.MetadataException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Bucket operations: ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation.
 * A bucket belongs to the account that created it, with the ACL and ownership rule the
 * CreateBucket request names ({@code x-amz-acl}/grant headers, {@code x-amz-object-ownership}); ListBuckets shows
 * only the caller's account's buckets. The bucket ACL's own operations are {@link AclHandler}'s.
 */
final class BucketHandler {
    private static final int MAX_CONFIGURATION_BYTES = 64 * 1024;

    private final Services services;
    private final Access access;

    BucketHandler(Services services, Access access) {
        this.services = services;
        this.access = access;
    }

    Future<Void> listBuckets(S3Request request, Caller caller) {
        access.service(request, caller);
        ListBucketsParams params = ListBucketsParams.parse(request);
        RequestAuthorizer authorizer = services.authorizer();
        return services.metadata().call(store -> store.buckets().list()).compose(buckets -> {
            List<BucketRecord> listed = buckets.stream()
                    .filter(b -> authorizer.ownerAccountId(b).equals(caller.accountId()))
                    .filter(b -> params.admits(b.name(), b.region()))
                    .sorted(Comparator.comparing(BucketRecord::name))
                    .limit(params.maxBuckets() + 1L)
                    .toList();
            boolean more = listed.size() > params.maxBuckets();
            List<ListAllMyBucketsResult.Bucket> entries = listed.stream().limit(params.maxBuckets())
                    .map(b -> new ListAllMyBucketsResult.Bucket(b.name(),
                            Timestamps.iso(Instant.ofEpochMilli(b.createdMillis())), b.region()))
                    .toList();
            String token = more ? ListBucketsParams.tokenAfter(entries.get(entries.size() - 1).name()) : null;
            return Responses.xml(request, new ListAllMyBucketsResult(authorizer.accountOwner(caller.accountId()),
                    entries, token, params.prefix()));
        });
    }

    Future<Void> createBucket(S3Request request, Caller caller) {
        access.service(request, caller);
        AclHeaders aclHeaders = AclHeaders.parse(request.http().headers());
        String ownership = request.header(S3Headers.OBJECT_OWNERSHIP);
        Acl acl = access.aclWrites().forNewBucket(aclHeaders, caller.accountId(), ownership);
        boolean objectLock = ObjectLockHeaders.bucketLockRequested(request.http().headers());
        return SmallBody.read(request, caller, MAX_CONFIGURATION_BYTES).map(this::region)
                .compose(region -> services.metadata().call(store -> create(store.buckets(), request.bucket(),
                        caller.accountId(), region, acl, ownership, objectLock)))
                .compose(created -> {
                    request.http().response().putHeader("Location", "/" + request.bucket());
                    return Responses.empty(request, 200);
                });
    }

    /**
     * Bucket names are global. Like us-east-1, re-creating a bucket your account owns succeeds; another
     * account's name is 409 BucketAlreadyExists.
     */
    private BucketRecord create(BucketStore buckets, String name, String accountId, String region, Acl acl,
            String ownership, boolean objectLock) {
        try {
            return buckets.create(name, accountId, region, acl, ownership, objectLock);
        } catch (MetadataException e) {
            if (e.reason() != MetadataException.Reason.BUCKET_EXISTS) throw e;
            BucketRecord existing = buckets.get(name);
            if (!services.authorizer().ownerAccountId(existing).equals(accountId)) {
                throw S3Exception.of(S3Error.BUCKET_ALREADY_EXISTS).withResource("/" + name);
            }
            // Succeeding would tell the client its bucket has object lock when it has not.
            if (objectLock && !existing.objectLockEnabled()) {
                throw S3Exception.of(S3Error.BUCKET_ALREADY_OWNED_BY_YOU).withResource("/" + name);
            }
            return existing;
        }
    }

    private String region(Buffer body) {
        if (body.length() == 0) return services.region();
        try {
            CreateBucketConfiguration configuration = XmlWriter.mapper().readValue(body.getBytes(),
                    CreateBucketConfiguration.class);
            String constraint = configuration.locationConstraint();
            if (constraint == null || constraint.isBlank()) return services.region();
            if (!constraint.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
                throw S3Exception.of(S3Error.INVALID_LOCATION_CONSTRAINT);
            }
            return constraint;
        } catch (IOException e) {
            throw S3Exception.of(S3Error.MALFORMED_XML);
        }
    }

    Future<Void> headBucket(S3Request request, Caller caller) {
        return access.bucket(request, caller).compose(bucket -> {
            request.http().response().putHeader(S3Headers.BUCKET_REGION, bucket.region());
            return Responses.empty(request, 200);
        });
    }

    Future<Void> deleteBucket(S3Request request, Caller caller) {
        return access.bucket(request, caller)
                .compose(bucket -> services.metadata().call(store -> {
                    store.buckets().delete(bucket.name());
                    return null;
                }))
                .compose(deleted -> Responses.empty(request, 204));
    }

    Future<Void> getLocation(S3Request request, Caller caller) {
        return access.bucket(request, caller).compose(bucket -> Responses.xml(request,
                new BucketDocuments.LocationConstraint("us-east-1".equals(bucket.region()) ? "" : bucket.region())));
    }
}
