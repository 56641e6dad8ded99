package io.granary.api.http;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.metadata.store.Etags;
import io.granary.metadata.store.PutCondition;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/**
 * The conditional headers of a read (If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since)
 * or of a copy source ({@code x-amz-copy-source-if-*}), evaluated as S3 does (RFC 7232 order): a true
 * If-Match makes If-Unmodified-Since irrelevant, a false If-None-Match makes If-Modified-Since
 * irrelevant; failures of the first pair are 412, of the second pair 304 on reads and 412 on copies.
 * Unparseable dates are ignored, like S3.
 */
public record Conditionals(String ifMatch, String ifNoneMatch, Instant ifModifiedSince, Instant ifUnmodifiedSince,
        boolean copySource) {

    /** Reads the request's own conditional headers through {@code header} (name → value or null). */
    public static Conditionals ofRequest(Function<String, String> header) {
        return new Conditionals(header.apply(S3Headers.IF_MATCH), header.apply(S3Headers.IF_NONE_MATCH),
                date(header.apply(S3Headers.IF_MODIFIED_SINCE)), date(header.apply(S3Headers.IF_UNMODIFIED_SINCE)),
                false);
    }

    /** Reads the {@code x-amz-copy-source-if-*} headers through {@code header}. */
    public static Conditionals ofCopySource(Function<String, String> header) {
        return new Conditionals(header.apply(S3Headers.COPY_SOURCE_IF_MATCH),
                header.apply(S3Headers.COPY_SOURCE_IF_NONE_MATCH),
                date(header.apply(S3Headers.COPY_SOURCE_IF_MODIFIED_SINCE)),
                date(header.apply(S3Headers.COPY_SOURCE_IF_UNMODIFIED_SINCE)), true);
    }

    public boolean isEmpty() {
        return ifMatch == null && ifNoneMatch == null && ifModifiedSince == null && ifUnmodifiedSince == null;
    }

    /**
     * Checks the conditions against the current object.
     *
     * @param etag         the object's ETag, quoted or not
     * @param lastModified the object's last modification time
     * @throws S3Exception PreconditionFailed (412) or NotModified (304)
     */
    public void check(String etag, Instant lastModified) {
        Instant modified = lastModified.truncatedTo(ChronoUnit.SECONDS);
        if (ifMatch != null) {
            if (!matches(ifMatch, etag)) throw failed(S3Headers.IF_MATCH);
        } else if (ifUnmodifiedSince != null && modified.isAfter(ifUnmodifiedSince)) {
            throw failed(S3Headers.IF_UNMODIFIED_SINCE);
        }
        if (ifNoneMatch != null) {
            if (matches(ifNoneMatch, etag)) throw notModified(S3Headers.IF_NONE_MATCH);
        } else if (ifModifiedSince != null && !modified.isAfter(ifModifiedSince)) {
            throw notModified(S3Headers.IF_MODIFIED_SINCE);
        }
    }

    /** True when the comma-separated entity-tag list {@code header} names {@code etag} or is {@code *}. */
    public static boolean matches(String header, String etag) {
        return Etags.matchesAny(header, etag);
    }

    /**
     * The same headers as the precondition of a write (PutObject, CompleteMultipartUpload, CopyObject's
     * destination, DeleteObject), evaluated by the metadata store under the key's lock; every combination is
     * honoured, none is refused.
     */
    public PutCondition forWrite() {
        return new PutCondition(ifMatch == null ? null : ifMatch.trim(), ifNoneMatch == null ? null
                : ifNoneMatch.trim(), millis(ifModifiedSince), millis(ifUnmodifiedSince), false);
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private S3Exception notModified(String condition) {
        return copySource ? failed(condition) : S3Exception.of(S3Error.NOT_MODIFIED);
    }

    private S3Exception failed(String condition) {
        String name = copySource ? "x-amz-copy-source-" + condition.toLowerCase(java.util.Locale.ROOT) : condition;
        return S3Exception.of(S3Error.PRECONDITION_FAILED).with("Condition", name);
    }

    private static Instant date(String value) {
        if (value == null) return null;
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
