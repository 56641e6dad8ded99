package io.granary.api.handler;

import io.granary.api.auth.Caller;
import io.granary.api.http.S3Request;
import io.granary.metadata.model.EventOrigin;
import io.granary.metadata.model.Notice;

/** Who a request's events name: the caller's principal ARN, the client's address and the request id. */
final class Notices {
    private Notices() {
    }

    static EventOrigin origin(S3Request request, Caller caller) {
        return EventOrigin.request(caller == null ? null : caller.principal().arn(),
                request.http().remoteAddress() == null ? null : request.http().remoteAddress().hostAddress(),
                request.requestId());
    }

    /** The event {@code eventName} (as {@code ObjectCreated:Put}) of this request. */
    static Notice of(String eventName, S3Request request, Caller caller) {
        return new Notice(eventName, origin(request, caller));
    }
}
