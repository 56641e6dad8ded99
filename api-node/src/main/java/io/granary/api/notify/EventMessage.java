package io.granary.api.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.granary.api.xml.Timestamps;
import io.granary.metadata.model.ObjectEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The bodies Granary POSTs to webhooks: an event in the AWS S3 event message structure (one record in
 * {@code Records}, eventVersion 2.1, the key URL-encoded as S3 encodes it, the ETag without quotes; a deletion has
 * no size or ETag) and the test message sent when a configuration names a target.
 */
final class EventMessage {
    static final String EVENT_SOURCE = "granary:s3";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventMessage() {
    }

    static byte[] of(ObjectEvent event, String region) {
        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", "2.1");
        record.put("eventSource", EVENT_SOURCE);
        record.put("awsRegion", region);
        record.put("eventTime", Timestamps.iso(Instant.ofEpochMilli(event.eventMillis())));
        record.put("eventName", event.eventName());
        record.putObject("userIdentity").put("principalId", orSystem(event.principalId()));
        record.putObject("requestParameters").put("sourceIPAddress", orSystem(event.sourceIp()));
        ObjectNode response = record.putObject("responseElements");
        if (event.requestId() != null) response.put("x-amz-request-id", event.requestId());
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", event.configurationId());
        ObjectNode bucket = s3.putObject("bucket");
        bucket.put("name", event.bucket());
        bucket.putObject("ownerIdentity").put("principalId", event.bucketOwner());
        bucket.put("arn", "arn:aws:s3:::" + event.bucket());
        ObjectNode object = s3.putObject("object");
        object.put("key", encodeKey(event.key()));
        if (event.etag() != null) {
            object.put("size", event.size());
            object.put("eTag", event.etag().replace("\"", ""));
        }
        if (event.versionId() != null) object.put("versionId", event.versionId());
        object.put("sequencer", event.sequencer());
        ObjectNode message = JSON.createObjectNode();
        message.putArray("Records").add(record);
        return bytes(message);
    }

    /** The message that proves a target answers, as S3's {@code s3:TestEvent}. */
    static byte[] test(String bucket, String requestId, Instant now) {
        ObjectNode message = JSON.createObjectNode();
        message.put("Service", "Granary");
        message.put("Event", "s3:TestEvent");
        message.put("Time", Timestamps.iso(now));
        message.put("Bucket", bucket);
        message.put("RequestId", requestId);
        return bytes(message);
    }

    /** S3's form of a key in an event: form-encoded (a space is {@code +}), with {@code /} left as is. */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static String orSystem(String value) {
        return value == null ? "Granary" : value;
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an object node always serialises", e);
        }
    }
}
