package io.granary.api.handler;

import io.granary.api.auth.Caller;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.S3Request;
import io.granary.api.http.TaggingHeader;
import io.granary.api.xml.Tagging;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Map;

/**
 * Put/Get/DeleteBucketTagging: the tags live in the bucket record, in the order given; a bucket without
 * them answers GetBucketTagging with 404 {@code NoSuchTagSet}, as S3 does.
 */
final class BucketTaggingHandler {
    private static final int MAX_TAGGING_BYTES = 64 * 1024;

    private final Services services;
    private final Access access;

    BucketTaggingHandler(Services services, Access access) {
        this.services = services;
        this.access = access;
    }

    Future<Void> get(S3Request request, Caller caller) {
        return access.bucket(request, caller).compose(bucket -> {
            if (bucket.tags() == null || bucket.tags().isEmpty()) {
                throw S3Exception.of(S3Error.NO_SUCH_TAG_SET).with("BucketName", bucket.name());
            }
            return Responses.xml(request, Tagging.of(bucket.tags().entrySet().stream()
                    .map(e -> new Tagging.Tag(e.getKey(), e.getValue())).toList()));
        });
    }

    Future<Void> put(S3Request request, Caller caller) {
        return access.bucket(request, caller)
                .compose(bucket -> SmallBody.read(request, caller, MAX_TAGGING_BYTES))
                .map(BucketTaggingHandler::tags)
                .compose(tags -> store(request.bucket(), tags))
                .compose(v -> Responses.empty(request, 204));
    }

    Future<Void> delete(S3Request request, Caller caller) {
        return access.bucket(request, caller)
                .compose(bucket -> store(bucket.name(), null))
                .compose(v -> Responses.empty(request, 204));
    }

    private Future<Void> store(String bucket, Map<String, String> tags) {
        return services.metadata().call(store -> {
            store.buckets().putTags(bucket, tags);
            return null;
        });
    }

    private static Map<String, String> tags(Buffer body) {
        Tagging tagging = TaggingHeader.document(body.getBytes());
        if (tagging.tagSet() == null) throw S3Exception.of(S3Error.MALFORMED_XML);
        return TaggingHeader.ofBucket(tagging.tags());
    }
}
