package io.granary.api.handler;

import io.granary.api.acl.ObjectOwnership;
import io.granary.api.acl.AclWrites;
import io.granary.api.auth.Caller;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.S3Request;
import io.granary.api.xml.AccessDocuments.OwnershipControls;
import io.granary.api.xml.AccessDocuments.OwnershipRule;
import io.granary.metadata.model.BucketRecord;
import io.vertx.core.Future;
import java.util.List;

/**
 * Get/Put/DeleteBucketOwnershipControls: the bucket's one ObjectOwnership rule ({@link ObjectOwnership}).
 * Unset, GetBucketOwnershipControls is 404 OwnershipControlsNotFoundError and the bucket behaves as
 * {@code ObjectWriter}. As on AWS, {@code BucketOwnerEnforced} cannot be set while the bucket ACL grants
 * anything beyond the owner's FULL_CONTROL (400 InvalidBucketAclWithObjectOwnership).
 */
final class OwnershipControlsHandler {
    private static final int MAX_BYTES = 16 * 1024;

    private final Services services;
    private final Access access;

    OwnershipControlsHandler(Services services, Access access) {
        this.services = services;
        this.access = access;
    }

    Future<Void> get(S3Request request, Caller caller) {
        return access.bucket(request, caller).compose(bucket -> {
            if (bucket.objectOwnership() == null) {
                throw S3Exception.of(S3Error.OWNERSHIP_CONTROLS_NOT_FOUND).with("BucketName", bucket.name());
            }
            return Responses.xml(request, new OwnershipControls(List.of(new OwnershipRule(bucket.objectOwnership()))));
        });
    }

    Future<Void> put(S3Request request, Caller caller) {
        return access.bucket(request, caller)
                .compose(bucket -> SmallBody.readXml(request, caller, MAX_BYTES, OwnershipControls.class))
                .map(OwnershipControlsHandler::rule)
                .compose(rule -> services.metadata().call(store -> store.buckets().update(request.bucket(), bucket -> {
                    if (rule == ObjectOwnership.BUCKET_OWNER_ENFORCED && !ownerOnly(bucket)) {
                        throw S3Exception.of(S3Error.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP);
                    }
                    return bucket.withObjectOwnership(rule.wireName());
                })))
                .compose(updated -> Responses.empty(request, 200));
    }

    Future<Void> delete(S3Request request, Caller caller) {
        return access.bucket(request, caller)
                .compose(bucket -> services.metadata().call(store -> store.buckets().update(bucket.name(),
                        b -> b.withObjectOwnership(null))))
                .compose(updated -> Responses.empty(request, 204));
    }

    /** Exactly one rule naming one of the three values; anything else is MalformedXML, as AWS answers. */
    private static ObjectOwnership rule(OwnershipControls controls) {
        if (controls.rules() == null || controls.rules().size() != 1) throw S3Exception.of(S3Error.MALFORMED_XML);
        return ObjectOwnership.parse(controls.rules().get(0).objectOwnership())
                .orElseThrow(() -> S3Exception.of(S3Error.MALFORMED_XML));
    }

    /** Whether the bucket's ACL grants nothing but FULL_CONTROL to its owner. */
    private static boolean ownerOnly(BucketRecord bucket) {
        return bucket.acl() == null || AclWrites.ownerOnly(bucket.acl(), bucket.acl().ownerCanonicalId());
    }
}
