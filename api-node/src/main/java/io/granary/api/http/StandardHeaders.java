package io.granary.api.http;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.metadata.model.ContentHeaders;
import io.vertx.core.MultiMap;
import java.util.function.Function;

/**
 * The representation headers S3 stores with an object (Content-Type, Cache-Control,
 * Content-Disposition, Content-Encoding, Content-Language, Expires) and gives back on GET/HEAD, where
 * {@code response-*} query parameters may override them. {@code aws-chunked} is a transfer framing,
 * not the object's encoding, so it is dropped from Content-Encoding as S3 does.
 */
public final class StandardHeaders {
    public static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

    private StandardHeaders() {
    }

    public static ContentHeaders parse(Function<String, String> header) {
        return new ContentHeaders(header.apply(S3Headers.CONTENT_TYPE), header.apply(S3Headers.CACHE_CONTROL),
                header.apply(S3Headers.CONTENT_DISPOSITION), contentEncoding(header.apply(S3Headers.CONTENT_ENCODING)),
                header.apply(S3Headers.CONTENT_LANGUAGE), header.apply(S3Headers.EXPIRES));
    }

    /** The client's Content-Encoding byte for byte ({@code deflate, gzip} keeps its space), minus aws-chunked. */
    private static String contentEncoding(String value) {
        if (value == null) return null;
        StringBuilder kept = new StringBuilder();
        for (String coding : value.split(",", -1)) {
            if (coding.trim().equalsIgnoreCase("aws-chunked")) continue;
            if (kept.length() > 0) kept.append(',');
            kept.append(coding);
        }
        String encoding = kept.toString().strip();
        return encoding.isEmpty() ? null : encoding;
    }

    /**
     * Writes the stored headers, each replaced by its {@code response-*} override when the query has one.
     *
     * @param override query parameter name → value or null
     */
    public static void write(ContentHeaders stored, MultiMap response, Function<String, String> override) {
        String type = stored.contentType() == null ? DEFAULT_CONTENT_TYPE : stored.contentType();
        put(response, S3Headers.CONTENT_TYPE, type, override.apply("response-content-type"));
        put(response, S3Headers.CACHE_CONTROL, stored.cacheControl(), override.apply("response-cache-control"));
        put(response, S3Headers.CONTENT_DISPOSITION, stored.contentDisposition(),
                override.apply("response-content-disposition"));
        put(response, S3Headers.CONTENT_ENCODING, stored.contentEncoding(),
                override.apply("response-content-encoding"));
        put(response, S3Headers.CONTENT_LANGUAGE, stored.contentLanguage(),
                override.apply("response-content-language"));
        put(response, S3Headers.EXPIRES, stored.expires(), override.apply("response-expires"));
    }

    private static void put(MultiMap response, String name, String stored, String override) {
        String value = override != null ? override : stored;
        if (value != null) response.set(name, value);
    }

    /**
     * Refuses a {@code response-*} override holding CR, LF or another control character (NUL, VT, FF ...):
     * CR/LF would split the response's headers, and the HTTP layer refuses the others outright.
     *
     * @throws S3Exception InvalidArgument naming the parameter
     */
    public static void checkOverrides(Query query) {
        for (String name : query.names()) {
            if (!name.startsWith("response-")) continue;
            for (String value : query.all(name)) {
                if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                    throw S3Exception.of(S3Error.INVALID_ARGUMENT, "Header values must not contain CR, LF or other "
                            + "control characters.").with("ArgumentName", name).with("ArgumentValue",
                            escapeControls(value));
                }
            }
        }
    }

    private static String escapeControls(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.chars().forEach(c -> out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : (char) c));
        return out.toString();
    }

    /** True if the query asks for any {@code response-*} override. */
    public static boolean hasOverrides(Query query) {
        for (String name : query.names()) {
            if (name.startsWith("response-")) return true;
        }
        return false;
    }
}
