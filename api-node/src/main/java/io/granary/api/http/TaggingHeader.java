package io.granary.api.http;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.xml.Tagging;
import io.granary.api.xml.XmlWriter;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Object and bucket tags, from the {@code x-amz-tagging} header (URL query form: {@code k1=v1&k2=v2}) or a
 * {@code Tagging} document, checked against S3's limits: at most 10 tags on an object and 50 on a bucket,
 * keys of 1–128 and values of 0–256 characters, no duplicate keys, else {@code InvalidTag}.
 */
public final class TaggingHeader {
    public static final int MAX_TAGS = 10;
    public static final int MAX_BUCKET_TAGS = 50;
    /** Setting tags while writing an object also needs the tagging permission. */
    public static final String ACTION = "s3:PutObjectTagging";

    private TaggingHeader() {
    }

    /** Parses the header value; null or empty gives no tags. */
    public static Map<String, String> parse(String header) {
        Map<String, String> tags = new LinkedHashMap<>();
        Query pairs = Query.parse(header);
        for (String key : pairs.names()) {
            for (String value : pairs.all(key)) add(tags, key, value);
        }
        return tags;
    }

    /**
     * A {@code Tagging} document (PutObjectTagging's and PutBucketTagging's body, a POST form's field).
     *
     * @throws S3Exception MalformedXML when it is not one
     */
    public static Tagging document(byte[] body) {
        try {
            Tagging tagging = XmlWriter.mapper().readValue(body, Tagging.class);
            if (tagging != null) return tagging;
        } catch (IOException e) {
            // falls through to the S3 error below
        }
        throw S3Exception.of(S3Error.MALFORMED_XML);
    }

    /** The tags of an object's Tagging document. */
    public static Map<String, String> of(List<Tagging.Tag> tagSet) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tagging.Tag tag : tagSet) {
            add(tags, tag.key(), tag.value() == null ? "" : tag.value());
        }
        return tags;
    }

    /**
     * The tags of a bucket's Tagging document: up to {@link #MAX_BUCKET_TAGS}, and none in the {@code aws:}
     * namespace, which S3 keeps for itself.
     */
    public static Map<String, String> ofBucket(List<Tagging.Tag> tagSet) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tagging.Tag tag : tagSet) {
            String key = tag.key();
            if (key != null && key.regionMatches(true, 0, "aws:", 0, 4)) {
                throw S3Exception.of(S3Error.INVALID_TAG, "System tags cannot be added/updated by requester");
            }
            put(tags, key, tag.value() == null ? "" : tag.value());
            if (tags.size() > MAX_BUCKET_TAGS) {
                throw S3Exception.of(S3Error.INVALID_TAG, "Bucket tag count cannot be greater than "
                        + MAX_BUCKET_TAGS);
            }
        }
        return tags;
    }

    private static void add(Map<String, String> tags, String key, String value) {
        put(tags, key, value);
        if (tags.size() > MAX_TAGS) {
            throw S3Exception.of(S3Error.INVALID_TAG, "Object tags cannot be greater than " + MAX_TAGS);
        }
    }

    private static void put(Map<String, String> tags, String key, String value) {
        if (key == null || key.isEmpty() || key.length() > 128 || value.length() > 256) {
            throw S3Exception.of(S3Error.INVALID_TAG, "The TagKey you have provided is invalid");
        }
        if (tags.put(key, value) != null) {
            throw S3Exception.of(S3Error.INVALID_TAG, "Cannot provide multiple Tags with the same key");
        }
    }
}
