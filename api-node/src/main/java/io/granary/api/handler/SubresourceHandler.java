package io.granary.api.handler;

import io.granary.api.crypto.CustomerKey;
import io.granary.api.acl.PublicAccess;
import io.granary.api.auth.Caller;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.CountParameter;
import io.granary.api.http.S3Headers;
import io.granary.api.http.S3Request;
import io.granary.api.http.VersionIdParameter;
import io.granary.api.http.StorageClassHeader;
import io.granary.api.http.TaggingHeader;
import io.granary.api.xml.ChecksumFields;
import io.granary.api.xml.ObjectDocuments.AttributesPart;
import io.granary.api.xml.ObjectDocuments.GetObjectAttributesResponse;
import io.granary.api.xml.ObjectDocuments.ObjectParts;
import io.granary.api.xml.Tagging;
import io.granary.iam.policy.Policy;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.Notice;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.PartLayout;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The small documents hung on buckets and objects: the bucket policy (enforced by the authorizer; a public
 * one is refused while the bucket's BlockPublicPolicy is set), object tags and GetObjectAttributes.
 */
final class SubresourceHandler {
    private static final int MAX_TAGGING_BYTES = 64 * 1024;
    private static final Set<String> ATTRIBUTES = Set.of("etag", "checksum", "objectparts", "storageclass",
            "objectsize");

    private final Services services;
    private final Access access;

    SubresourceHandler(Services services, Access access) {
        this.services = services;
        this.access = access;
    }

    Future<Void> getBucketPolicy(S3Request request, Caller caller) {
        return access.bucket(request, caller).compose(bucket -> {
            if (bucket.policy() == null) throw S3Exception.of(S3Error.NO_SUCH_BUCKET_POLICY).with("BucketName",
                    bucket.name());
            return request.http().response().putHeader(S3Headers.CONTENT_TYPE, "application/json")
                    .end(bucket.policy());
        });
    }

    Future<Void> putBucketPolicy(S3Request request, Caller caller) {
        return access.bucket(request, caller)
                .compose(bucket -> SmallBody.read(request, caller, Policy.MAX_LENGTH + 1).compose(body -> {
                    String json = body.toString(java.nio.charset.StandardCharsets.UTF_8);
                    Policy policy = Policy.parseBucketPolicy(json);
                    if (bucket.publicAccessBlock() != null && bucket.publicAccessBlock().blockPublicPolicy()
                            && PublicAccess.isPublic(policy)) {
                        throw S3Exception.of(S3Error.ACCESS_DENIED,
                                "Access Denied (BlockPublicPolicy is set on the bucket)");
                    }
                    return services.metadata().call(store -> {
                        store.buckets().putPolicy(request.bucket(), json);
                        return null;
                    });
                }))
                .compose(v -> Responses.empty(request, 204));
    }

    Future<Void> deleteBucketPolicy(S3Request request, Caller caller) {
        return access.bucket(request, caller)
                .compose(bucket -> services.metadata().call(store -> {
                    store.buckets().deletePolicy(bucket.name());
                    return null;
                }))
                .compose(v -> Responses.empty(request, 204));
    }

    Future<Void> getObjectTagging(S3Request request, Caller caller) {
        return object(request, caller).compose(object -> Responses.xml(request, Tagging.of(object.tags().entrySet()
                .stream().map(e -> new Tagging.Tag(e.getKey(), e.getValue())).toList())));
    }

    Future<Void> putObjectTagging(S3Request request, Caller caller) {
        String versionId = VersionIdParameter.of(request);
        return access.bucket(request, caller)
                .compose(bucket -> SmallBody.read(request, caller, MAX_TAGGING_BYTES)
                        .map(body -> TaggingHeader.of(TaggingHeader.document(body.getBytes()).tags()))
                        .compose(tags -> retag(request, bucket, versionId, tags,
                                Notices.of("ObjectTagging:Put", request, caller))))
                .compose(v -> Responses.empty(request, 200));
    }

    Future<Void> deleteObjectTagging(S3Request request, Caller caller) {
        String versionId = VersionIdParameter.of(request);
        return access.bucket(request, caller)
                .compose(bucket -> retag(request, bucket, versionId, Map.of(),
                        Notices.of("ObjectTagging:Delete", request, caller)))
                .compose(v -> Responses.empty(request, 204));
    }

    /** Sets the tags of the version {@code versionId} names (null: the current one), answering with its id. */
    private Future<ObjectRecord> retag(S3Request request, BucketRecord bucket, String versionId,
            Map<String, String> tags, Notice notice) {
        return services.metadata().call(store -> store.objects().update(request.bucket(), request.key(), versionId,
                current -> current.withTags(tags), notice)).map(object -> {
                    Versions.describe(request.http().response(), bucket, object.versionId());
                    return object;
                });
    }

    /** The tags of a Tagging document (PutObjectTagging's body, a POST form's {@code tagging} field). */
    Future<Void> getObjectAttributes(S3Request request, Caller caller) {
        // The SDKs send one header line per attribute, others one comma-separated line: accept both.
        Set<String> wanted = request.http().headers().getAll(S3Headers.OBJECT_ATTRIBUTES).stream()
                .flatMap(header -> Arrays.stream(header.split(",")))
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        if (wanted.isEmpty() || !ATTRIBUTES.containsAll(wanted)) {
            throw S3Exception.of(S3Error.INVALID_ARGUMENT, "Invalid attribute name specified.");
        }
        int maxParts = Math.min(CountParameter.parse(S3Headers.MAX_PARTS, request.header(S3Headers.MAX_PARTS),
                1000), 1000);
        int marker = CountParameter.parse(S3Headers.PART_NUMBER_MARKER,
                request.header(S3Headers.PART_NUMBER_MARKER), 0);
        return object(request, caller).compose(object -> {
            ObjectHeaders.validators(object, request.http().response().headers());
            CustomerKey key = ServerSideEncryption.forReading(request, object.encryption(), false);
            ServerSideEncryption.describe(request.http().response().headers(), object.encryption(),
                    key == null ? null : key.md5());
            // No Checksum element at all, rather than an empty one, when the object has none.
            ChecksumFields fields = object.checksums().isEmpty() ? null
                    : ObjectHeaders.checksumFields(object.checksums(), true);
            String etag = object.etag().replace("\"", "");
            return Responses.xml(request, new GetObjectAttributesResponse(
                    wanted.contains("etag") ? etag : null,
                    wanted.contains("checksum") ? fields : null,
                    wanted.contains("objectparts") && object.layout().parts().size() > 1
                            ? parts(object, marker, maxParts) : null,
                    wanted.contains("storageclass") ? StorageClassHeader.report(object.storageClass()) : null,
                    wanted.contains("objectsize") ? object.size() : null));
        });
    }

    /** One page of the object's parts: those numbered above {@code marker}, at most {@code maxParts}. */
    private static ObjectParts parts(ObjectRecord object, int marker, int maxParts) {
        List<PartLayout> all = object.layout().parts();
        List<AttributesPart> page = new ArrayList<>();
        boolean truncated = false;
        for (PartLayout part : all) {
            if (part.partNumber() <= marker) continue;
            if (page.size() == maxParts) {
                truncated = true;
                break;
            }
            page.add(new AttributesPart(part.partNumber(), part.plainSize(), ObjectHeaders.checksumFields(
                    part.checksum() == null ? List.of() : List.of(part.checksum()), false)));
        }
        Integer next = page.isEmpty() ? null : page.get(page.size() - 1).partNumber();
        return new ObjectParts(all.size(), marker, next, maxParts, truncated, page);
    }

    /** The object version the request names (null: the current one), its id in the answer's headers. */
    private Future<ObjectRecord> object(S3Request request, Caller caller) {
        String versionId = VersionIdParameter.of(request);
        return access.bucket(request, caller).compose(bucket -> services.metadata().call(store ->
                store.objects().getVersion(bucket.name(), request.key(), versionId)).map(object -> {
                    Versions.describe(request.http().response(), bucket, object.versionId());
                    return object;
                }));
    }
}
