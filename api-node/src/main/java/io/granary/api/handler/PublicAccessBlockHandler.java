package io.granary.api.handler;

import io.granary.api.acl.PublicAccess;
import io.granary.api.auth.Caller;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.S3Request;
import io.granary.api.xml.AccessDocuments.PolicyStatus;
import io.granary.api.xml.AccessDocuments.PublicAccessBlockConfiguration;
import io.granary.metadata.model.PublicAccessBlock;
import io.vertx.core.Future;

/**
 * Get/Put/DeletePublicAccessBlock (bucket level) and GetBucketPolicyStatus. The switches are stored on the
 * bucket and enforced where they apply: BlockPublicAcls when an ACL is set, IgnorePublicAcls and
 * RestrictPublicBuckets when requests are authorized, BlockPublicPolicy when a bucket policy is put.
 */
final class PublicAccessBlockHandler {
    private static final int MAX_BYTES = 16 * 1024;

    private final Services services;
    private final Access access;

    PublicAccessBlockHandler(Services services, Access access) {
        this.services = services;
        this.access = access;
    }

    Future<Void> get(S3Request request, Caller caller) {
        return access.bucket(request, caller).compose(bucket -> {
            PublicAccessBlock block = bucket.publicAccessBlock();
            if (block == null) {
                throw S3Exception.of(S3Error.NO_SUCH_PUBLIC_ACCESS_BLOCK_CONFIGURATION).with("BucketName",
                        bucket.name());
            }
            return Responses.xml(request, new PublicAccessBlockConfiguration(block.blockPublicAcls(),
                    block.ignorePublicAcls(), block.blockPublicPolicy(), block.restrictPublicBuckets()));
        });
    }

    Future<Void> put(S3Request request, Caller caller) {
        return access.bucket(request, caller)
                .compose(bucket -> SmallBody.readXml(request, caller, MAX_BYTES, PublicAccessBlockConfiguration.class))
                .map(c -> new PublicAccessBlock(c.blockPublicAcls(), c.ignorePublicAcls(), c.blockPublicPolicy(),
                        c.restrictPublicBuckets()))
                .compose(block -> services.metadata().call(store -> store.buckets().update(request.bucket(),
                        bucket -> bucket.withPublicAccessBlock(block))))
                .compose(updated -> Responses.empty(request, 200));
    }

    Future<Void> delete(S3Request request, Caller caller) {
        return access.bucket(request, caller)
                .compose(bucket -> services.metadata().call(store -> store.buckets().update(bucket.name(),
                        b -> b.withPublicAccessBlock(null))))
                .compose(updated -> Responses.empty(request, 204));
    }

    /** GetBucketPolicyStatus: whether the bucket policy is public; NoSuchBucketPolicy when there is none. */
    Future<Void> policyStatus(S3Request request, Caller caller) {
        return access.bucket(request, caller).compose(bucket -> {
            if (bucket.policy() == null) {
                throw S3Exception.of(S3Error.NO_SUCH_BUCKET_POLICY).with("BucketName", bucket.name());
            }
            return Responses.xml(request, new PolicyStatus(PublicAccess.isPublic(
                    services.authorizer().bucketPolicy(bucket))));
        });
    }
}
