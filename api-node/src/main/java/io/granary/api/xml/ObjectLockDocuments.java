package io.granary.api.xml;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** The object lock documents: a bucket's configuration, an object version's retention and legal hold. */
public final class ObjectLockDocuments {

    private ObjectLockDocuments() {
    }

    /** Get/PutObjectLockConfiguration: {@code enabled} is "Enabled"; the rule is absent without a default. */
    @JacksonXmlRootElement(localName = "ObjectLockConfiguration")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(value = "xmlns", allowGetters = true)
    public record Configuration(@JacksonXmlProperty(localName = "ObjectLockEnabled") String enabled,
            @JacksonXmlProperty(localName = "Rule") Rule rule) implements S3Document {
    }

    public record Rule(@JacksonXmlProperty(localName = "DefaultRetention") DefaultRetention defaultRetention) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DefaultRetention(@JacksonXmlProperty(localName = "Mode") String mode,
            @JacksonXmlProperty(localName = "Days") Integer days,
            @JacksonXmlProperty(localName = "Years") Integer years) {
    }

    /** Get/PutObjectRetention. */
    @JacksonXmlRootElement(localName = "Retention")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(value = "xmlns", allowGetters = true)
    public record Retention(@JacksonXmlProperty(localName = "Mode") String mode,
            @JacksonXmlProperty(localName = "RetainUntilDate") String retainUntilDate) implements S3Document {
    }

    /** Get/PutObjectLegalHold: {@code status} is ON or OFF. */
    @JacksonXmlRootElement(localName = "LegalHold")
    @JsonIgnoreProperties(value = "xmlns", allowGetters = true)
    public record LegalHold(@JacksonXmlProperty(localName = "Status") String status) implements S3Document {
    }
}
