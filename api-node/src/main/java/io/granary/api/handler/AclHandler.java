package io.granary.api.handler;

import io.granary.api.acl.Grantees;
import io.granary.api.acl.ObjectOwnership;
import io.granary.api.acl.Permissions;
import io.granary.api.auth.Caller;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.AclHeaders;
import io.granary.api.http.S3Request;
import io.granary.api.http.VersionIdParameter;
import io.granary.api.xml.AccessDocuments.AccessControlPolicy;
import io.granary.api.xml.AccessDocuments.AccessControlPolicyBody;
import io.granary.api.xml.AccessDocuments.Grant;
import io.granary.api.xml.AccessDocuments.Grantee;
import io.granary.api.xml.Owner;
import io.granary.api.xml.XmlWriter;
import io.granary.metadata.model.Acl;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.ObjectRecord;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.List;

/**
 * Get/PutBucketAcl and Get/PutObjectAcl. An ACL is set from a canned ACL, grant headers or an
 * AccessControlPolicy body ({@link io.granary.api.acl.AclWrites} decides what may be set), and read back as
 * it was set: the owner and the grants in their order. A resource that never had an ACL, or whose bucket has
 * ACLs disabled ({@code BucketOwnerEnforced}), answers its owner's FULL_CONTROL.
 */
final class AclHandler {
    private static final int MAX_ACL_BYTES = 64 * 1024;

    private final Services services;
    private final Access access;

    AclHandler(Services services, Access access) {
        this.services = services;
        this.access = access;
    }

    Future<Void> getBucketAcl(S3Request request, Caller caller) {
        return access.bucket(request, caller).compose(bucket -> Responses.xml(request,
                document(ObjectOwnership.aclsEnabled(bucket) ? bucket.acl() : null, bucket)));
    }

    Future<Void> putBucketAcl(S3Request request, Caller caller) {
        AclHeaders headers = AclHeaders.parse(request.http().headers());
        return access.bucket(request, caller)
                .compose(bucket -> SmallBody.read(request, caller, MAX_ACL_BYTES))
                .compose(body -> services.metadata().call(store -> store.buckets().update(request.bucket(), bucket ->
                        bucket.withAcl(access.aclWrites().replacement(headers, policy(body),
                                ownerId(bucket), bucket, services.authorizer().ownerAccountId(bucket))))))
                .compose(updated -> Responses.empty(request, 200));
    }

    Future<Void> getObjectAcl(S3Request request, Caller caller) {
        String versionId = VersionIdParameter.of(request);
        return access.bucket(request, caller)
                .compose(bucket -> services.metadata().call(store -> store.objects().getVersion(bucket.name(),
                                request.key(), versionId))
                        .compose(object -> {
                            Versions.describe(request.http().response(), bucket, object.versionId());
                            return Responses.xml(request, document(ObjectOwnership.aclsEnabled(bucket) ? object.acl()
                                    : null, bucket));
                        }));
    }

    Future<Void> putObjectAcl(S3Request request, Caller caller) {
        String versionId = VersionIdParameter.of(request);
        AclHeaders headers = AclHeaders.parse(request.http().headers());
        return access.bucket(request, caller)
                .compose(bucket -> SmallBody.read(request, caller, MAX_ACL_BYTES).compose(body ->
                        services.metadata().call(store -> store.objects().update(bucket.name(), request.key(),
                                versionId, object -> object.withAcl(access.aclWrites().replacement(headers,
                                        policy(body), owner(object, bucket), bucket,
                                        services.authorizer().ownerAccountId(bucket))),
                                Notices.of("ObjectAcl:Put", request, caller))))
                        .map(updated -> {
                            Versions.describe(request.http().response(), bucket, updated.versionId());
                            return updated;
                        }))
                .compose(updated -> Responses.empty(request, 200));
    }

    /** The canonical id of an object's owner: the one its ACL names, else the bucket owner. */
    private String owner(ObjectRecord object, BucketRecord bucket) {
        return object.acl() != null ? object.acl().ownerCanonicalId() : ownerId(bucket);
    }

    private String ownerId(BucketRecord bucket) {
        return services.authorizer().bucketOwner(bucket).id();
    }

    /** The AccessControlPolicy body, or null when the request has none. */
    private static AccessControlPolicyBody policy(Buffer body) {
        if (body.length() == 0) return null;
        try {
            return XmlWriter.mapper().readValue(body.getBytes(), AccessControlPolicyBody.class);
        } catch (IOException e) {
            throw S3Exception.of(S3Error.MALFORMED_ACL_ERROR);
        }
    }

    /** The answer for {@code acl} (null: the bucket owner's FULL_CONTROL) of a resource in {@code bucket}. */
    private AccessControlPolicy document(Acl acl, BucketRecord bucket) {
        Owner bucketOwner = services.authorizer().bucketOwner(bucket);
        if (acl == null) {
            return new AccessControlPolicy(bucketOwner, List.of(new Grant(Grantee.user(bucketOwner.id(),
                    bucketOwner.displayName()), Permissions.FULL_CONTROL)));
        }
        Grantees grantees = services.authorizer().grantees();
        List<Grant> grants = acl.grants().stream().map(g -> new Grant(g.canonicalId() == null
                ? Grantee.group(g.groupUri())
                : Grantee.user(g.canonicalId(), grantees.owner(g.canonicalId()).displayName()), g.permission()))
                .toList();
        return new AccessControlPolicy(grantees.owner(acl.ownerCanonicalId()), grants);
    }
}
