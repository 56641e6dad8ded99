package io.granary.api.xml;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlText;

/** The answers of GetBucketLocation, GetBucketVersioning and the unset bucket configurations. */
public final class BucketDocuments {

    private BucketDocuments() {
    }

    /** GetBucketLocation: empty for us-east-1, as S3 answers. */
    @JacksonXmlRootElement(localName = "LocationConstraint")
    public record LocationConstraint(@JacksonXmlText String region) implements S3Document {
    }

    /**
     * GetBucketVersioning's answer and PutBucketVersioning's body: {@code status} is Enabled, Suspended or (a
     * bucket on which versioning was never enabled) absent; {@code mfaDelete} is only ever read, to refuse it.
     */
    @JacksonXmlRootElement(localName = "VersioningConfiguration")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VersioningConfiguration(@JacksonXmlProperty(localName = "Status") String status,
            @JacksonXmlProperty(localName = "MfaDelete") String mfaDelete) implements S3Document {
    }

    /** GetBucketRequestPayment: Granary has no requester-pays buckets, so the payer is the owner. */
    @JacksonXmlRootElement(localName = "RequestPaymentConfiguration")
    public record RequestPaymentConfiguration(@JacksonXmlProperty(localName = "Payer") String payer)
            implements S3Document {
    }

    /** GetBucketAccelerateConfiguration of a bucket where it was never set: no Status element. */
    @JacksonXmlRootElement(localName = "AccelerateConfiguration")
    public record AccelerateConfiguration() implements S3Document {
    }

    /** GetBucketLogging of a bucket without access logging: no LoggingEnabled element. */
    @JacksonXmlRootElement(localName = "BucketLoggingStatus")
    public record BucketLoggingStatus() implements S3Document {
    }
}
