package io.granary.api.handler;

import io.granary.api.auth.Caller;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.ChecksumHeaders;
import io.granary.api.http.S3Request;
import io.granary.api.lifecycle.LifecycleRules;
import io.granary.api.xml.LifecycleConfiguration;
import io.granary.metadata.model.LifecycleRule;
import io.vertx.core.Future;
import java.util.List;

/**
 * Put/Get/DeleteBucketLifecycleConfiguration. The rules are checked as S3 checks them ({@link LifecycleRules};
 * transitions are refused: there is one tier) and stored with the bucket; the lifecycle worker applies them.
 */
final class LifecycleHandler {
    private static final int MAX_BODY_BYTES = 512 * 1024;

    private final Services services;
    private final Access access;

    LifecycleHandler(Services services, Access access) {
        this.services = services;
        this.access = access;
    }

    Future<Void> get(S3Request request, Caller caller) {
        return access.bucket(request, caller).compose(bucket -> {
            if (bucket.lifecycle() == null) throw S3Exception.of(S3Error.NO_SUCH_LIFECYCLE_CONFIGURATION)
                    .with("BucketName", bucket.name());
            return Responses.xml(request, LifecycleRules.document(bucket.lifecycle()));
        });
    }

    Future<Void> put(S3Request request, Caller caller) {
        ChecksumHeaders checks = SmallBody.requireIntegrity(request);
        return access.bucket(request, caller)
                .compose(bucket -> SmallBody.read(request, caller, MAX_BODY_BYTES, checks))
                .map(body -> LifecycleRules.parse(SmallBody.xml(body, LifecycleConfiguration.class)))
                .compose(rules -> store(request, rules))
                .compose(v -> Responses.empty(request, 200));
    }

    Future<Void> delete(S3Request request, Caller caller) {
        return access.bucket(request, caller)
                .compose(bucket -> store(request, null))
                .compose(v -> Responses.empty(request, 204));
    }

    private Future<Void> store(S3Request request, List<LifecycleRule> rules) {
        return services.metadata().call(store -> store.buckets().update(request.bucket(),
                bucket -> bucket.withLifecycle(rules))).mapEmpty();
    }
}
