package io.granary.api.handler;

import io.granary.api.auth.Caller;
import io.granary.api.http.S3Headers;
import io.granary.api.http.S3Request;
import io.granary.metadata.model.BucketRecord;
import io.vertx.core.Future;

/**
 * The common first steps of a handler: load the bucket the request names (NoSuchBucket if absent),
 * check the caller may do the operation on it, and only then accept the body
 * ({@code 100 Continue}), so a client waiting on {@code Expect} never uploads to a bucket it cannot
 * write to.
 */
final class Access {
    private final Services services;

    Access(Services services) {
        this.services = services;
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
        return load(request).map(bucket -> {
            services.authorizer().authorize(caller, request, bucket);
            if (alsoNeeded != null) {
                services.authorizer().authorize(caller, request, alsoNeeded, bucket, request.key());
            }
            return bucket;
        });
    }

    /** Loads the request's bucket for an operation that authorizes each of its keys itself (DeleteObjects). */
    Future<BucketRecord> load(S3Request request) {
        return services.metadata().call(store -> store.buckets().get(request.bucket()));
    }

    /** Authorizes an operation that names no existing bucket (ListBuckets, CreateBucket). */
    void service(S3Request request, Caller caller) {
        services.authorizer().authorizeWithoutBucket(caller, request);
    }

    /** Lets a client that sent {@code Expect: 100-continue} start sending its body. */
    static void acceptBody(S3Request request) {
        String expect = request.header(S3Headers.EXPECT);
        if (expect != null && expect.equalsIgnoreCase("100-continue")) request.http().response().writeContinue();
    }
}
