package io.granary.api.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An S3 error answer on its way to the client: the error, the message (AWS's default unless a more
 * precise one helps the caller), the resource it concerns, and extra elements in the order AWS writes
 * them (StringToSign, CanonicalRequest, ArgumentName, ...). Immutable; {@code with*} methods copy.
 */
public final class S3Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient S3Error error;
    private final String resource;
    private final transient Map<String, String> extras;
    private final transient Map<String, String> headers;

    private S3Exception(S3Error error, String message, String resource, Map<String, String> extras,
            Throwable cause) {
        this(error, message, resource, extras, Map.of(), cause);
    }

    private S3Exception(S3Error error, String message, String resource, Map<String, String> extras,
            Map<String, String> headers, Throwable cause) {
        super(message, cause, false, false);
        this.error = error;
        this.resource = resource;
        this.extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public static S3Exception of(S3Error error) {
        return new S3Exception(error, error.message(), null, Map.of(), null);
    }

    public static S3Exception of(S3Error error, String message) {
        return new S3Exception(error, message, null, Map.of(), null);
    }

    public static S3Exception of(S3Error error, String message, Throwable cause) {
        return new S3Exception(error, message, null, Map.of(), cause);
    }

    public S3Exception withResource(String value) {
        return new S3Exception(error, getMessage(), value, extras, headers, getCause());
    }

    /** Adds one extra element to the error document, after those already present. */
    public S3Exception with(String element, String value) {
        Map<String, String> more = new LinkedHashMap<>(extras);
        more.put(element, value);
        return new S3Exception(error, getMessage(), resource, more, headers, getCause());
    }

    /** Adds a response header the error answer carries (S3's {@code x-amz-delete-marker} on a 404, say). */
    public S3Exception withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new S3Exception(error, getMessage(), resource, extras, more, getCause());
    }

    /** Response headers of the error answer, in the order they were added. */
    public Map<String, String> headers() {
        return headers;
    }

    public S3Error error() {
        return error;
    }

    /** The resource the error concerns (bucket or key path), or null for the request's own path. */
    public String resource() {
        return resource;
    }

    /** Extra XML elements, in the order they were added. */
    public Map<String, String> extras() {
        return extras;
    }
}
