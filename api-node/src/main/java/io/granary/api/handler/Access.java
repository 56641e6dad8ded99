package io.granary.api.handler;

import io.granary.api.acl.AclWrites;
import io.granary.api.auth.Caller;
import io.granary.api.auth.RequestAuthorizer;
import io.granary.api.http.AclHeaders;
import io.granary.api.http.ExpectedBucketOwner;
import io.granary.api.http.S3Headers;
import io.granary.api.http.S3Request;
import io.granary.iam.policy.Decision;
import io.granary.metadata.model.Acl;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.ObjectRecord;
import io.vertx.core.Future;

/**
 * The common first steps of a handler: load the bucket the request names (NoSuchBucket if absent; AccessDenied
 * if it is not owned by the account {@code x-amz-expected-bucket-owner} names), check the caller may do the
 * operation on it (looking at the object's ACL too when policies and the bucket ACL alone refuse an operation an
 * object ACL can grant), and only then accept the body ({@code 100 Continue}), so a client waiting on
 * {@code Expect} never uploads to a bucket it cannot write to.
 */
final class Access {
    private final Services services;
    private final AclWrites aclWrites;

    Access(Services services) {
        this.services = services;
        this.aclWrites = new AclWrites(services.authorizer().grantees());
    }

    /** Loads the request's bucket and authorizes the request's own operation on it. */
    Future<BucketRecord> bucket(S3Request request, Caller caller) {
        return bucket(request, caller, null);
    }

    /**
     * Loads the request's bucket and authorizes the request's own operation on it and, when not null,
     * {@code alsoNeeded} on the same resource (e.g. {@code s3:PutObjectTagging} for a PUT that sets tags).
     */
    Future<BucketRecord> bucket(S3Request request, Caller caller, String alsoNeeded) {
        RequestAuthorizer authorizer = services.authorizer();
        // A request naming a version needs the version form of its action (s3:GetObjectVersion, ...).
        String action = Versions.action(request.route().operation(), request.query("versionId"));
        String key = request.key();
        return load(request).compose(bucket -> {
            Decision decision = authorizer.decide(caller, request, action, bucket, key, null);
            Future<Decision> decided = RequestAuthorizer.needsObjectAcl(decision, action, bucket, key)
                    ? objectAcl(bucket, key).map(acl -> authorizer.decide(caller, request, action, bucket, key, acl))
                    : Future.succeededFuture(decision);
            return decided.map(verdict -> {
                RequestAuthorizer.require(verdict);
                if (alsoNeeded != null) authorizer.authorize(caller, request, alsoNeeded, bucket, key);
                return bucket;
            });
        });
    }

    /** The ACL of an existing object, null when it has none of its own or does not exist. */
    private Future<Acl> objectAcl(BucketRecord bucket, String key) {
        return services.metadata().call(store -> store.objects().find(bucket.name(), key).map(ObjectRecord::acl)
                .orElse(null));
    }

    /** Loads the request's bucket for an operation that authorizes each of its keys itself (DeleteObjects). */
    Future<BucketRecord> load(S3Request request) {
        return services.metadata().call(store -> store.buckets().get(request.bucket())).map(bucket -> {
            ExpectedBucketOwner.check(request.http().headers(), S3Headers.EXPECTED_BUCKET_OWNER,
                    services.authorizer().ownerAccountId(bucket));
            return bucket;
        });
    }

    /** Authorizes an operation that names no existing bucket (ListBuckets, CreateBucket). */
    void service(S3Request request, Caller caller) {
        services.authorizer().authorizeWithoutBucket(caller, request);
    }

    /**
     * The ACL an object written by {@code caller} into {@code bucket} gets from the request's ACL headers (null:
     * the bucket owner's FULL_CONTROL), under the bucket's ownership controls and public access block.
     */
    Acl newObjectAcl(AclHeaders headers, Caller caller, BucketRecord bucket) {
        return aclWrites.forNewObject(headers, caller.accountId(), bucket,
                services.authorizer().ownerAccountId(bucket));
    }

    /** Decides what a request that sets an ACL may set. */
    AclWrites aclWrites() {
        return aclWrites;
    }

    /** Lets a client that sent {@code Expect: 100-continue} start sending its body. */
    static void acceptBody(S3Request request) {
        String expect = request.header(S3Headers.EXPECT);
        if (expect != null && expect.equalsIgnoreCase("100-continue")) request.http().response().writeContinue();
    }
}
