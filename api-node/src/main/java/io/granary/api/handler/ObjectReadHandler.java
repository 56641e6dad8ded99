package io.granary.api.handler;

import io.granary.api.crypto.CustomerKey;
import io.granary.api.auth.Caller;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.PartNumberParameter;
import io.granary.api.http.ByteRange;
import io.granary.api.http.Conditionals;
import io.granary.api.http.S3Headers;
import io.granary.api.http.S3Request;
import io.granary.api.http.StandardHeaders;
import io.granary.api.http.VersionIdParameter;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.HealReason;
import io.granary.metadata.model.HealTask;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.PartLayout;
import io.granary.metadata.store.MetadataException;
import io.granary.iam.sigv4.AuthResult;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GetObject and HeadObject: load the record (the latest version, or the one {@code versionId} names; a
 * delete marker answers 404 or, named, 405, with {@code x-amz-delete-marker}), answer conditionals (304/412)
 * and ranges (206/416) or a {@code partNumber}, write the object's headers, then stream the bytes from the
 * shards with a {@code StripeReader}. Shards found missing or corrupt while reading are queued for healing, and such
 * a GET counts once as a degraded read.
 */
final class ObjectReadHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectReadHandler.class);

    private final Services services;
    private final Access access;

    ObjectReadHandler(Services services, Access access) {
        this.services = services;
        this.access = access;
    }

    Future<Void> getObject(S3Request request, Caller caller) {
        String versionId = VersionIdParameter.of(request);
        StandardHeaders.checkOverrides(request.query());
        if (caller.auth() instanceof AuthResult.Anonymous && StandardHeaders.hasOverrides(request.query())) {
            throw S3Exception.of(S3Error.INVALID_REQUEST, "Request specific response headers cannot be used for "
                    + "anonymous GET requests.");
        }
        return access.bucket(request, caller)
                .compose(bucket -> services.metadata().call(store -> store.objects().version(request.bucket(),
                        request.key(), versionId)).recover(failure -> Future.failedFuture(hideMissing(failure, request,
                        caller, bucket))).map(version -> {
                            if (version.deleteMarker()) throw Versions.deleteMarker(version, versionId != null);
                            Versions.describe(request.http().response(), bucket, version.versionId());
                            ObjectLocks.describe(services, request, caller, bucket, version.object(),
                                    request.http().response());
                            if (versionId == null) {
                                ExpirationHeader.describe(services, request.http().response(), bucket,
                                        version.object());
                            }
                            return version.object();
                        }))
                .compose(object -> send(request, object));
    }

    /**
     * As S3 does, a missing key is 404 NoSuchKey only to a caller that may list the bucket (and so could learn it
     * anyway); to anyone else it is 403 AccessDenied, so keys cannot be probed.
     */
    private Throwable hideMissing(Throwable failure, S3Request request, Caller caller, BucketRecord bucket) {
        boolean missing = failure instanceof MetadataException e && e.reason() == MetadataException.Reason.NO_SUCH_KEY;
        if (!missing || services.authorizer().isAllowed(caller, request, "s3:ListBucket", bucket, null)) {
            return failure;
        }
        return S3Exception.of(S3Error.ACCESS_DENIED);
    }

    private Future<Void> send(S3Request request, ObjectRecord object) {
        HttpServerResponse response = request.http().response();
        CustomerKey key = ServerSideEncryption.forReading(request, object.encryption(), false);
        ObjectHeaders.validators(object, response.headers());
        Conditionals.ofRequest(request::header).check(object.etag(), java.time.Instant.ofEpochMilli(
                object.lastModifiedMillis()));
        Integer partNumber = PartNumberParameter.of(request.query());
        String rangeHeader = request.header(S3Headers.RANGE);
        if (partNumber != null && rangeHeader != null) {
            throw S3Exception.of(S3Error.INVALID_REQUEST, "Cannot specify both Range header and partNumber query "
                    + "parameter");
        }
        ByteRange range = partNumber != null ? partRange(object, partNumber) : ByteRange.parse(rangeHeader,
                object.size());
        boolean whole = range == null;
        String mode = request.header(S3Headers.CHECKSUM_MODE);
        ObjectHeaders.describe(object, response.headers(), request::query,
                whole && mode != null && mode.equalsIgnoreCase("ENABLED"));
        ServerSideEncryption.describe(response.headers(), object.encryption(), key == null ? null : key.md5());
        int parts = object.layout().parts().size();
        if (partNumber != null || parts > 1) response.putHeader(S3Headers.MP_PARTS_COUNT, String.valueOf(parts));
        long first = whole ? 0 : range.first();
        long last = whole ? object.size() - 1 : range.last();
        if (!whole && (partNumber == null || object.size() != range.length())) {
            response.setStatusCode(206).putHeader(S3Headers.CONTENT_RANGE, range.contentRange(object.size()));
        }
        response.putHeader(S3Headers.CONTENT_LENGTH, String.valueOf(last - first + 1));
        if (request.http().method() == HttpMethod.HEAD) return response.end();
        Runnable degraded = services.metrics().degradedRead();
        // A failed read must not end the response (the pipe's default): that would send a short 200.
        // ErrorResponder answers 503 if nothing went out yet, or else cuts the connection.
        return services.shards().openReader(object, first, last, key, (index, damaged) -> {
            degraded.run();
            queueHeal(request, object, object.layout().parts().get(index), damaged);
        }).pipe().endOnFailure(false).to(response);
    }

    private void queueHeal(S3Request request, ObjectRecord object, PartLayout part, BitSet damaged) {
        long now = services.clock().millis();
        List<HealTask> tasks = new ArrayList<>();
        // A shard on an offline node is not damaged: it comes back with its node, or an administrator's heal
        // moves it; queueing it on every read of the outage would only flood the queue.
        damaged.stream().filter(shard -> services.shards().isOnline(part.nodes().get(shard)))
                .forEach(shard -> tasks.add(new HealTask(request.bucket(), object.key(), null, part.partNumber(),
                        part.shardSetId(), shard, part.nodes().get(shard), HealReason.READ_FAILED, now)));
        if (tasks.isEmpty()) return;
        services.metadata().call(store -> {
            for (HealTask task : tasks) {
                store.healQueue().append(task);
            }
            return null;
        }).onFailure(e -> LOG.warn("could not queue {} shards of {} for healing", tasks.size(), object.key(), e));
    }

    /**
     * The byte range of part {@code number}; past the last part (any number but 1 on a single-part object) is
     * 400 InvalidPartNumber (issue 15).
     */
    private static ByteRange partRange(ObjectRecord object, int number) {
        List<PartLayout> parts = object.layout().parts();
        if (number > parts.size()) throw S3Exception.of(S3Error.INVALID_PART_NUMBER);
        long start = 0;
        for (int i = 0; i < number - 1; i++) {
            start += parts.get(i).plainSize();
        }
        long size = parts.get(number - 1).plainSize();
        return size == 0 ? null : new ByteRange(start, start + size - 1);
    }
}
