package io.granary.api.xml;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/**
 * The documents of ACLs, ownership controls and the public access block: the answers of Get*Acl,
 * GetBucketOwnershipControls, GetPublicAccessBlock and GetBucketPolicyStatus, and the bodies clients put.
 * Request bodies ignore unknown elements, as S3 does.
 */
public final class AccessDocuments {
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private AccessDocuments() {
    }

    /** Get*Acl: the owner and the grants, in the order they were set. */
    @JacksonXmlRootElement(localName = "AccessControlPolicy")
    @JsonPropertyOrder({"Owner", "AccessControlList"})
    public record AccessControlPolicy(
            @JacksonXmlProperty(localName = "Owner") Owner owner,
            @JacksonXmlElementWrapper(localName = "AccessControlList") @JacksonXmlProperty(localName = "Grant")
            List<Grant> grants) implements S3Document {
    }

    /** One grant of an answer. */
    @JsonPropertyOrder({"Grantee", "Permission"})
    public record Grant(@JacksonXmlProperty(localName = "Grantee") Grantee grantee,
            @JacksonXmlProperty(localName = "Permission") String permission) {
    }

    /**
     * A grantee as S3 writes it: {@code CanonicalUser} with ID (and DisplayName when known), or {@code Group}
     * with URI.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"xmlns:xsi", "xsi:type", "ID", "DisplayName", "URI"})
    public record Grantee(@JacksonXmlProperty(isAttribute = true, localName = "xsi:type") String type,
            @JacksonXmlProperty(localName = "ID") String id,
            @JacksonXmlProperty(localName = "DisplayName") String displayName,
            @JacksonXmlProperty(localName = "URI") String uri) {

        public static Grantee user(String id, String displayName) {
            return new Grantee("CanonicalUser", id, displayName, null);
        }

        public static Grantee group(String uri) {
            return new Grantee("Group", null, null, uri);
        }

        @JacksonXmlProperty(isAttribute = true, localName = "xmlns:xsi")
        public String xsiNamespace() {
            return XSI;
        }
    }

    /**
     * Put*Acl's body. (The grant list is its own record: Jackson cannot bind a wrapped list to a record's
     * constructor.)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AccessControlPolicyBody(
            @JacksonXmlProperty(localName = "Owner") OwnerBody owner,
            @JacksonXmlProperty(localName = "AccessControlList") AccessControlListBody accessControlList) {

        /** The grants, in document order; empty when there are none. */
        public List<GrantBody> grants() {
            return accessControlList == null || accessControlList.grants() == null ? List.of()
                    : accessControlList.grants();
        }
    }

    /** The AccessControlList of a Put*Acl body. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AccessControlListBody(
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Grant")
            List<GrantBody> grants) {
    }

    /** The Owner of a Put*Acl body. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OwnerBody(@JacksonXmlProperty(localName = "ID") String id) {
    }

    /** One grant of a Put*Acl body. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GrantBody(@JacksonXmlProperty(localName = "Grantee") GranteeBody grantee,
            @JacksonXmlProperty(localName = "Permission") String permission) {
    }

    /**
     * A grantee of a Put*Acl body: {@code xsi:type} ({@code CanonicalUser}, {@code Group} or
     * {@code AmazonCustomerByEmail}, read by its local name) and the element that type needs.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GranteeBody(@JacksonXmlProperty(isAttribute = true, localName = "type") String type,
            @JacksonXmlProperty(localName = "ID") String id,
            @JacksonXmlProperty(localName = "URI") String uri,
            @JacksonXmlProperty(localName = "EmailAddress") String emailAddress) {
    }

    /** GetBucketOwnershipControls' answer and PutBucketOwnershipControls' body. */
    @JacksonXmlRootElement(localName = "OwnershipControls")
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OwnershipControls(
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Rule")
            List<OwnershipRule> rules) implements S3Document {
    }

    /** One ownership rule. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OwnershipRule(@JacksonXmlProperty(localName = "ObjectOwnership") String objectOwnership) {
    }

    /** GetPublicAccessBlock's answer and PutPublicAccessBlock's body (an absent switch is false). */
    @JacksonXmlRootElement(localName = "PublicAccessBlockConfiguration")
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"})
    public record PublicAccessBlockConfiguration(
            @JacksonXmlProperty(localName = "BlockPublicAcls") boolean blockPublicAcls,
            @JacksonXmlProperty(localName = "IgnorePublicAcls") boolean ignorePublicAcls,
            @JacksonXmlProperty(localName = "BlockPublicPolicy") boolean blockPublicPolicy,
            @JacksonXmlProperty(localName = "RestrictPublicBuckets") boolean restrictPublicBuckets)
            implements S3Document {
    }

    /** GetBucketPolicyStatus. */
    @JacksonXmlRootElement(localName = "PolicyStatus")
    public record PolicyStatus(@JacksonXmlProperty(localName = "IsPublic") boolean isPublic) implements S3Document {
    }
}
