package io.granary.api.auth;

import io.granary.api.http.S3Request;
import io.granary.api.http.S3Server;
import io.granary.iam.IamService;
import io.granary.iam.Identity;
import io.granary.iam.policy.RequestPrincipal;
import io.granary.iam.sigv4.AuthException;
import io.granary.iam.sigv4.AuthResult;
import io.granary.iam.sigv4.Credential;
import io.granary.iam.sigv4.HeaderMap;
import io.granary.iam.sigv4.SigV4Verifier;
import io.granary.iam.sigv4.SignedRequest;
import io.granary.iam.sigv4.SigningKeyCache;
import io.granary.iam.sigv4.SigningRules;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.Map;

/**
 * Checks a request's AWS Signature V4 (header or presigned; the body's own checks come later, while it
 * streams) and resolves the access key to the principal policies are evaluated for. Runs on the event
 * loop: one HMAC chain over a cached signing key and an in-memory credential lookup.
 */
public final class RequestAuthenticator {
    private static final int SIGNING_KEYS_CACHED = 10_000;

    private final IamService iam;
    private final SigV4Verifier verifier;

    public RequestAuthenticator(IamService iam, Clock clock) {
        this.iam = iam;
        this.verifier = new SigV4Verifier(
                id -> iam.findCredential(id).map(i -> new Credential(i.accessKeyId(), i.secretKey(), i.accessKeyId())),
                new SigningKeyCache(SIGNING_KEYS_CACHED), clock, SigningRules.s3(null));
    }

    /** @throws AuthException when the request's signature, credentials or timing are not valid */
    public Caller authenticate(S3Request request) {
        HttpServerRequest http = request.http();
        HeaderMap.Builder headers = HeaderMap.builder();
        for (Map.Entry<String, String> header : http.headers()) {
            headers.add(header.getKey(), header.getValue());
        }
        AuthResult auth = verifier.authenticate(new SignedRequest(http.method().name(), S3Server.rawPath(http),
                http.query(), headers.build()));
        if (auth instanceof AuthResult.Authenticated signed) {
            RequestPrincipal principal = iam.findCredential(signed.accessKeyId()).map(Identity::principal)
                    .orElseThrow(() -> new AuthException(AuthException.Reason.INVALID_ACCESS_KEY_ID,
                            "The AWS Access Key Id you provided does not exist in our records."));
            return new Caller(principal, auth);
        }
        return new Caller(RequestPrincipal.ANONYMOUS, auth);
    }

    /** Whether the caller is the system account's root, the one the admin API is for. */
    public boolean isSystemRoot(Caller caller) {
        return iam.isSystemRoot(caller.principal());
    }
}
