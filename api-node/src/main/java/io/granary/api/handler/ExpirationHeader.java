package io.granary.api.handler;

import io.granary.api.lifecycle.LifecycleDays;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.ObjectRecord;
import io.vertx.core.http.HttpServerResponse;

/** {@code x-amz-expiration} on PUT, GET and HEAD of a current version a lifecycle rule will expire, as S3. */
final class ExpirationHeader {
    static final String NAME = "x-amz-expiration";

    private ExpirationHeader() {
    }

    static void describe(Services services, HttpServerResponse response, BucketRecord bucket, ObjectRecord current) {
        if (bucket.lifecycle() == null) return;
        LifecycleDays.Expiry expiry = services.lifecycleDays().firstExpiry(bucket.lifecycle(), current);
        if (expiry != null) response.putHeader(NAME, expiry.header());
    }
}
