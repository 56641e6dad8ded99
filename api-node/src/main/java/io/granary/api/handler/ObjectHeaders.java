package io.granary.api.handler;

import io.granary.api.http.RawHeaderValue;
import io.granary.api.http.S3Headers;
import io.granary.api.http.StandardHeaders;
import io.granary.api.xml.ChecksumFields;
import io.granary.api.xml.Timestamps;
import io.granary.metadata.model.Checksum;
import io.granary.metadata.model.ObjectRecord;
import io.granary.iam.checksum.ChecksumAlgorithm;
import io.vertx.core.MultiMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The response headers that describe a stored object on GET and HEAD. */
final class ObjectHeaders {

    private ObjectHeaders() {
    }

    /**
     * The XML checksum elements of the first stored checksum (an object or part stores at most one), with
     * its type when {@code withType}; {@link ChecksumFields#NONE} when there is none.
     */
    static ChecksumFields checksumFields(List<Checksum> checksums, boolean withType) {
        if (checksums.isEmpty()) return ChecksumFields.NONE;
        Checksum checksum = checksums.get(0);
        return ChecksumFields.of(checksum.algorithm(), checksum.value(),
                withType && checksum.type() != null ? checksum.type().name() : null);
    }

    /** ETag and Last-Modified: also sent with 304 Not Modified. */
    static void validators(ObjectRecord object, MultiMap response) {
        response.set(S3Headers.ETAG, object.etag());
        response.set(S3Headers.LAST_MODIFIED, Timestamps.http(Instant.ofEpochMilli(object.lastModifiedMillis())));
    }

    /**
     * Everything else: representation headers (with {@code response-*} overrides), user metadata, tag
     * count, and the checksum when asked for with {@code x-amz-checksum-mode: ENABLED}.
     */
    static void describe(ObjectRecord object, MultiMap response, Function<String, String> query,
            boolean withChecksum) {
        validators(object, response);
        response.set(S3Headers.ACCEPT_RANGES, "bytes");
        StandardHeaders.write(object.headers(), response, query);
        for (Map.Entry<String, String> meta : object.userMetadata().entrySet()) {
            response.set(S3Headers.META_PREFIX + meta.getKey(), RawHeaderValue.mailSafe(meta.getValue()));
        }
        if (!object.tags().isEmpty()) response.set(S3Headers.TAGGING_COUNT, String.valueOf(object.tags().size()));
        // As S3: the header only for classes other than STANDARD.
        if (object.storageClass() != null) response.set(S3Headers.STORAGE_CLASS, object.storageClass());
        if (withChecksum) {
            for (Checksum checksum : object.checksums()) {
                response.set(ChecksumAlgorithm.fromApiName(checksum.algorithm()).headerName(), checksum.value());
                if (checksum.type() != null) response.set(S3Headers.CHECKSUM_TYPE, checksum.type().name());
            }
        }
    }
}
