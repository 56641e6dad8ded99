package io.granary.api.http;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code x-amz-meta-*} headers of a write: names lower-cased without the prefix, values as the
 * client's UTF-8 text ({@link RawHeaderValue}), repeated headers joined with commas like S3, and at most
 * 2 KiB in all (names and values, UTF-8), else {@code MetadataTooLarge}.
 */
public final class UserMetadata {
    public static final int MAX_BYTES = 2 * 1024;

    private UserMetadata() {
    }

    public static Map<String, String> parse(MultiMap headers) {
        Map<String, String> metadata = new TreeMap<>();
        int size = 0;
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith(S3Headers.META_PREFIX)) continue;
            String key = name.substring(S3Headers.META_PREFIX.length());
            String value = RawHeaderValue.decoded(header.getValue()).trim();
            metadata.merge(key, value, (a, b) -> a + "," + b);
            size += key.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length;
        }
        if (size > MAX_BYTES) {
            throw S3Exception.of(S3Error.METADATA_TOO_LARGE).with("Size", String.valueOf(size))
                    .with("MaxSizeAllowed", String.valueOf(MAX_BYTES));
        }
        return metadata;
    }
}
