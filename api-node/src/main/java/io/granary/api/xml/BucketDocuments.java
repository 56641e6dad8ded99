package io.granary.api.xml;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlText;
import java.util.List;

/** The answers of GetBucketLocation, GetBucketVersioning, Get*Acl and the unset bucket configurations. */
public final class BucketDocuments {

    private BucketDocuments() {
    }

    /** GetBucketLocation: empty for us-east-1, as S3 answers. */
    @JacksonXmlRootElement(localName = "LocationConstraint")
    public record LocationConstraint(@JacksonXmlText String region) implements S3Document {
    }

    /** GetBucketVersioning of a bucket on which versioning was never enabled: no Status element. */
    @JacksonXmlRootElement(localName = "VersioningConfiguration")
    public record VersioningConfiguration() implements S3Document {
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

    /** Get*Acl: the owner with FULL_CONTROL, the only ACL Granary keeps. */
    @JacksonXmlRootElement(localName = "AccessControlPolicy")
    @JsonPropertyOrder({"Owner", "AccessControlList"})
    public record AccessControlPolicy(
            @JacksonXmlProperty(localName = "Owner") Owner owner,
            @JacksonXmlElementWrapper(localName = "AccessControlList") @JacksonXmlProperty(localName = "Grant")
            List<Grant> grants) implements S3Document {

        public static AccessControlPolicy ownerFullControl(Owner owner) {
            return new AccessControlPolicy(owner, List.of(new Grant(new Grantee(owner.id(), owner.displayName()),
                    "FULL_CONTROL")));
        }
    }

    /** One grant. */
    @JsonPropertyOrder({"Grantee", "Permission"})
    public record Grant(@JacksonXmlProperty(localName = "Grantee") Grantee grantee,
            @JacksonXmlProperty(localName = "Permission") String permission) {
    }

    /** A canonical-user grantee. */
    @JsonPropertyOrder({"xmlns:xsi", "xsi:type", "ID", "DisplayName"})
    public record Grantee(@JacksonXmlProperty(localName = "ID") String id,
            @JacksonXmlProperty(localName = "DisplayName") String displayName) {

        @JacksonXmlProperty(isAttribute = true, localName = "xmlns:xsi")
        public String xsiNamespace() {
            return "http://www.w3.org/2001/XMLSchema-instance";
        }

        @JacksonXmlProperty(isAttribute = true, localName = "xsi:type")
        public String type() {
            return "CanonicalUser";
        }
    }
}
