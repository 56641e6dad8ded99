package io.granary.api.handler;

import io.granary.api.auth.Caller;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.S3Operation;
import io.granary.api.http.S3Request;
import io.granary.api.xml.BucketDocuments;
import io.granary.api.xml.S3Document;
import io.vertx.core.Future;
import java.util.EnumMap;
import java.util.Map;

/**
 * The Get of bucket configurations Granary does not keep (website, request payment, accelerate, logging),
 * answered as S3
 * answers for a bucket on which they were never set: the "not found" error of each, or the document S3
 * returns when unset. Putting any of them stays NotImplemented in the router, so these answers stay true.
 */
final class UnsetConfigurationHandler {
    /** S3's answer to an unset configuration: an error, or an empty (default) document. */
    private record Answer(S3Error error, S3Document document) {
    }

    private static final Map<S3Operation, Answer> ANSWERS = new EnumMap<>(S3Operation.class);

    static {
        ANSWERS.put(S3Operation.GET_BUCKET_WEBSITE, new Answer(S3Error.NO_SUCH_WEBSITE_CONFIGURATION, null));
        ANSWERS.put(S3Operation.GET_BUCKET_REQUEST_PAYMENT,
                new Answer(null, new BucketDocuments.RequestPaymentConfiguration("BucketOwner")));
        ANSWERS.put(S3Operation.GET_BUCKET_ACCELERATE,
                new Answer(null, new BucketDocuments.AccelerateConfiguration()));
        ANSWERS.put(S3Operation.GET_BUCKET_LOGGING, new Answer(null, new BucketDocuments.BucketLoggingStatus()));
    }

    private final Access access;

    UnsetConfigurationHandler(Access access) {
        this.access = access;
    }

    Future<Void> get(S3Request request, Caller caller) {
        Answer answer = ANSWERS.get(request.route().operation());
        return access.bucket(request, caller).compose(bucket -> {
            if (answer.error() != null) {
                throw S3Exception.of(answer.error()).with("BucketName", bucket.name());
            }
            return Responses.xml(request, answer.document());
        });
    }
}
