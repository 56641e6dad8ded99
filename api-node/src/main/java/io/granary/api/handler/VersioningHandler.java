package io.granary.api.handler;

import io.granary.api.auth.Caller;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.S3Request;
import io.granary.api.xml.BucketDocuments.VersioningConfiguration;
import io.granary.api.xml.XmlWriter;
import io.granary.metadata.model.BucketRecord;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Set;

/**
 * Get/PutBucketVersioning. A bucket starts unversioned and may go to Enabled or Suspended, then only between
 * those two, never back (S3's rule: its objects' versions must stay addressable). MFA delete is refused with
 * NotImplemented: Granary has no MFA devices to check a code against.
 */
final class VersioningHandler {
    private static final int MAX_BODY_BYTES = 4 * 1024;
    private static final Set<String> STATES = Set.of(BucketRecord.VERSIONING_ENABLED,
            BucketRecord.VERSIONING_SUSPENDED);

    private final Services services;
    private final Access access;

    VersioningHandler(Services services, Access access) {
        this.services = services;
        this.access = access;
    }

    Future<Void> get(S3Request request, Caller caller) {
        return access.bucket(request, caller)
                .compose(bucket -> Responses.xml(request, new VersioningConfiguration(bucket.versioning(), null)));
    }

    Future<Void> put(S3Request request, Caller caller) {
        return access.bucket(request, caller)
                .compose(bucket -> SmallBody.read(request, caller, MAX_BODY_BYTES))
                .map(VersioningHandler::parse)
                .compose(configuration -> services.metadata().call(store -> store.buckets().update(request.bucket(),
                        bucket -> {
                            if (configuration.status() == null) return bucket;
                            // S3: a locked version must stay addressable by its id, so no null versions.
                            if (bucket.objectLockEnabled()
                                    && BucketRecord.VERSIONING_SUSPENDED.equals(configuration.status())) {
                                throw S3Exception.of(S3Error.INVALID_BUCKET_STATE, "An Object Lock configuration "
                                        + "is present on this bucket, so the versioning state cannot be changed.");
                            }
                            return bucket.withVersioning(configuration.status());
                        })))
                .compose(updated -> Responses.empty(request, 200));
    }

    private static VersioningConfiguration parse(Buffer body) {
        VersioningConfiguration configuration;
        try {
            configuration = XmlWriter.mapper().readValue(body.getBytes(), VersioningConfiguration.class);
        } catch (IOException e) {
            throw S3Exception.of(S3Error.MALFORMED_XML);
        }
        if (configuration == null || configuration.status() != null && !STATES.contains(configuration.status())) {
            throw S3Exception.of(S3Error.MALFORMED_XML);
        }
        if ("Enabled".equals(configuration.mfaDelete())) {
            throw S3Exception.of(S3Error.NOT_IMPLEMENTED, "MFA delete is not implemented.");
        }
        if (configuration.mfaDelete() != null && !"Disabled".equals(configuration.mfaDelete())) {
            throw S3Exception.of(S3Error.MALFORMED_XML);
        }
        return configuration;
    }
}
