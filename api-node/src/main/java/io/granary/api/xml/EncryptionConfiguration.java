package io.granary.api.xml;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/** A bucket's default encryption, read by PutBucketEncryption and written by its Get. */
@JacksonXmlRootElement(localName = "ServerSideEncryptionConfiguration")
@JsonIgnoreProperties(value = "xmlns", allowGetters = true)
public record EncryptionConfiguration(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Rule") List<Rule> rules)
        implements S3Document {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rule(@JacksonXmlProperty(localName = "ApplyServerSideEncryptionByDefault") ByDefault byDefault,
            @JacksonXmlProperty(localName = "BucketKeyEnabled") Boolean bucketKeyEnabled) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ByDefault(@JacksonXmlProperty(localName = "SSEAlgorithm") String algorithm,
            @JacksonXmlProperty(localName = "KMSMasterKeyID") String kmsMasterKeyId) {
    }
}
