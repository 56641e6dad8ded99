package io.granary.api.xml;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/**
 * A bucket's notification configuration, read by PutBucketNotificationConfiguration and written by its Get: topic,
 * queue and (Lambda) cloud-function entries, each naming a destination ARN. Absent elements are null as read and
 * left out when written. The EventBridge element is only read, to refuse it.
 */
@JacksonXmlRootElement(localName = "NotificationConfiguration")
@JsonIgnoreProperties(value = "xmlns", allowGetters = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NotificationConfiguration(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "TopicConfiguration")
        List<Entry> topics,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "QueueConfiguration")
        List<Entry> queues,
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "CloudFunctionConfiguration")
        List<Entry> functions,
        @JacksonXmlProperty(localName = "EventBridgeConfiguration") JsonNode eventBridge) implements S3Document {

    /** One entry; the destination is in the element its kind names (Topic, Queue or CloudFunction). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(@JacksonXmlProperty(localName = "Id") String id,
            @JacksonXmlProperty(localName = "Topic") String topic,
            @JacksonXmlProperty(localName = "Queue") String queue,
            @JacksonXmlProperty(localName = "CloudFunction") String function,
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Event") List<String> events,
            @JacksonXmlProperty(localName = "Filter") Filter filter) {
    }

    public record Filter(@JacksonXmlProperty(localName = "S3Key") Key key) {
    }

    public record Key(@JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "FilterRule")
            List<FilterRule> rules) {
    }

    public record FilterRule(@JacksonXmlProperty(localName = "Name") String name,
            @JacksonXmlProperty(localName = "Value") String value) {
    }
}
