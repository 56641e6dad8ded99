package io.granary.api.acl;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.AclHeaders;
import io.granary.api.http.S3Headers;
import io.granary.api.xml.AccessDocuments.AccessControlPolicyBody;
import io.granary.api.xml.AccessDocuments.GrantBody;
import io.granary.api.xml.AccessDocuments.GranteeBody;
import io.granary.metadata.model.Acl;
import io.granary.metadata.model.BucketRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides the owner and ACL a request sets, under the bucket's ownership controls and public access block:
 * <ul>
 * <li>{@code BucketOwnerEnforced}: ACLs are disabled; only an ACL that gives the bucket owner FULL_CONTROL and
 *     nothing else ({@code private}, {@code bucket-owner-full-control} or its equivalent) is accepted, and
 *     nothing is stored (the owner's FULL_CONTROL is implied); any other is 400 AccessControlListNotSupported.</li>
 * <li>{@code ObjectWriter} (also when unset): the writing account owns the object.</li>
 * <li>{@code BucketOwnerPreferred}: the bucket owner owns objects written with
 *     {@code bucket-owner-full-control}, the writer the others.</li>
 * <li>BlockPublicAcls: an ACL granting to AllUsers or AuthenticatedUsers is 403 AccessDenied.</li>
 * </ul>
 * Anonymous writers (a public-read-write bucket) write objects the bucket owner owns.
 */
public final class AclWrites {
    private static final String BUCKET_OWNER_FULL_CONTROL = "bucket-owner-full-control";

    private final Grantees grantees;

    public AclWrites(Grantees grantees) {
        this.grantees = grantees;
    }

    /**
     * The ACL of an object a write creates (PutObject, CopyObject, CreateMultipartUpload), from its headers.
     *
     * @param writerAccountId the caller's account; null for anonymous callers
     * @return the ACL to store, or null for the bucket owner's FULL_CONTROL (nothing to store)
     */
    public Acl forNewObject(AclHeaders headers, String writerAccountId, BucketRecord bucket, String bucketOwnerId) {
        String bucketOwner = grantees.canonicalId(bucketOwnerId);
        ObjectOwnership rule = ObjectOwnership.of(bucket);
        String writer = writerAccountId == null ? bucketOwner : grantees.canonicalId(writerAccountId);
        boolean toBucketOwner = rule == ObjectOwnership.BUCKET_OWNER_ENFORCED
                || rule == ObjectOwnership.BUCKET_OWNER_PREFERRED && BUCKET_OWNER_FULL_CONTROL.equals(headers.canned());
        String owner = toBucketOwner ? bucketOwner : writer;
        if (!headers.present() && owner.equals(bucketOwner)) return null;
        return checked(bucket, bucketOwner, fromHeaders(headers, owner, bucketOwner));
    }

    /**
     * The ACL of a bucket CreateBucket creates, from its headers, with the ownership rule it names (null: none).
     *
     * @return the ACL to store, or null for the owner's FULL_CONTROL
     * @throws S3Exception InvalidArgument for an unknown ownership rule, InvalidBucketAclWithObjectOwnership for
     *                     an ACL beyond the owner's FULL_CONTROL together with {@code BucketOwnerEnforced}
     */
    public Acl forNewBucket(AclHeaders headers, String ownerAccountId, String objectOwnership) {
        ObjectOwnership rule = objectOwnership == null ? ObjectOwnership.OBJECT_WRITER
                : ObjectOwnership.parse(objectOwnership).orElseThrow(() -> S3Exception.of(S3Error.INVALID_ARGUMENT,
                        "Invalid x-amz-object-ownership header").with("ArgumentName", S3Headers.OBJECT_OWNERSHIP)
                        .with("ArgumentValue", objectOwnership));
        if (!headers.present()) return null;
        String owner = grantees.canonicalId(ownerAccountId);
        Acl acl = fromHeaders(headers, owner, owner);
        if (rule != ObjectOwnership.BUCKET_OWNER_ENFORCED) return acl;
        if (!ownerOnly(acl, owner)) throw S3Exception.of(S3Error.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP);
        return null;
    }

    /**
     * The ACL a Put*Acl request sets on a resource {@code owner} owns: from its headers when it has any, else
     * from its AccessControlPolicy body (null: no body).
     *
     * @return the ACL to store, or null for the bucket owner's FULL_CONTROL
     * @throws S3Exception MissingSecurityHeader when the request names no ACL at all, MalformedACLError or
     *                     InvalidArgument for a bad body, and the refusals of the bucket's configuration
     */
    public Acl replacement(AclHeaders headers, AccessControlPolicyBody body, String owner, BucketRecord bucket,
            String bucketOwnerId) {
        String bucketOwner = grantees.canonicalId(bucketOwnerId);
        Acl acl;
        if (headers.present()) {
            acl = fromHeaders(headers, owner, bucketOwner);
        } else if (body != null) {
            acl = fromBody(body, owner);
        } else {
            throw S3Exception.of(S3Error.MISSING_SECURITY_HEADER).with("MissingHeaderName", S3Headers.ACL);
        }
        return checked(bucket, bucketOwner, acl);
    }

    private Acl fromHeaders(AclHeaders headers, String owner, String bucketOwner) {
        if (!headers.grants().isEmpty()) {
            List<Acl.Grant> grants = new ArrayList<>();
            for (AclHeaders.HeaderGrant grant : headers.grants()) {
                grants.add(grantees.resolve(grant.permission(), grant.type(), grant.value()));
            }
            return new Acl(owner, grants);
        }
        return CannedAcls.expand(headers.canned() == null ? "private" : headers.canned(), owner, bucketOwner);
    }

    private Acl fromBody(AccessControlPolicyBody body, String owner) {
        if (body.owner() == null || body.owner().id() == null) {
            throw S3Exception.of(S3Error.MALFORMED_ACL_ERROR);
        }
        if (!body.owner().id().equals(owner)) {
            throw S3Exception.of(S3Error.INVALID_ARGUMENT, "Invalid id").with("ArgumentName", "Owner/ID")
                    .with("ArgumentValue", body.owner().id());
        }
        List<Acl.Grant> grants = new ArrayList<>();
        for (GrantBody grant : body.grants()) {
            GranteeBody grantee = grant.grantee();
            if (grantee == null || grantee.type() == null || !Permissions.ALL.contains(grant.permission())) {
                throw S3Exception.of(S3Error.MALFORMED_ACL_ERROR);
            }
            grants.add(switch (grantee.type()) {
                case "CanonicalUser" -> grantees.resolve(grant.permission(), AclHeaders.ID, required(grantee.id()));
                case "Group" -> grantees.resolve(grant.permission(), AclHeaders.URI, required(grantee.uri()));
                case "AmazonCustomerByEmail" -> grantees.resolve(grant.permission(), AclHeaders.EMAIL,
                        required(grantee.emailAddress()));
                default -> throw S3Exception.of(S3Error.MALFORMED_ACL_ERROR);
            });
        }
        return new Acl(owner, grants);
    }

    private static String required(String value) {
        if (value == null || value.isBlank()) throw S3Exception.of(S3Error.MALFORMED_ACL_ERROR);
        return value.trim();
    }

    /** Applies the bucket's ownership controls and public access block to an ACL about to be set. */
    private static Acl checked(BucketRecord bucket, String bucketOwner, Acl acl) {
        if (!ObjectOwnership.aclsEnabled(bucket)) {
            if (!ownerOnly(acl, bucketOwner)) throw S3Exception.of(S3Error.ACCESS_CONTROL_LIST_NOT_SUPPORTED);
            return null;
        }
        if (bucket.publicAccessBlock() != null && bucket.publicAccessBlock().blockPublicAcls()
                && PublicAccess.isPublic(acl)) {
            throw S3Exception.of(S3Error.ACCESS_DENIED, "Access Denied (BlockPublicAcls is set on the bucket)");
        }
        return acl;
    }

    /** Whether {@code acl} is {@code owner}'s and grants nothing but FULL_CONTROL to it. */
    public static boolean ownerOnly(Acl acl, String owner) {
        return acl.ownerCanonicalId().equals(owner) && acl.grants().stream().allMatch(g ->
                owner.equals(g.canonicalId()) && g.permission().equals(Permissions.FULL_CONTROL));
    }
}
