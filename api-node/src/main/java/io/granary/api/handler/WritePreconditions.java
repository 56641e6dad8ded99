package io.granary.api.handler;

import io.granary.api.http.Conditionals;
import io.granary.api.http.S3Request;
import io.granary.metadata.store.PutCondition;
import io.vertx.core.Future;

/**
 * The If-* headers of a write (PutObject, CopyObject's destination, CompleteMultipartUpload), checked
 * twice: once before the body is streamed, so a write that cannot succeed fails fast with 412 (or 404
 * for If-Match on a missing key), and again by the metadata store under the key's lock at commit, where a
 * condition that held at first but no longer does means a concurrent write or delete won: 409
 * ConditionalRequestConflict, as S3 answers "a conflicting operation during the upload".
 */
final class WritePreconditions {

    private WritePreconditions() {
    }

    /** The request's write condition, already checked once against the current key. */
    static Future<PutCondition> precheck(Services services, S3Request request) {
        PutCondition condition = Conditionals.ofRequest(request::header).forWrite();
        if (condition.isNone()) return Future.succeededFuture(condition);
        return services.metadata().call(store -> {
            condition.check(request.key(), store.objects().find(request.bucket(), request.key()).orElse(null));
            return condition.afterPrecheck();
        });
    }
}
