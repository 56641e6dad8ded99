package io.granary.api.iamapi;

import io.granary.api.http.S3Request;
import io.granary.api.http.S3Server;
import io.granary.iam.IamService;
import io.granary.iam.Identity;
import io.granary.iam.sigv4.AuthResult;
import io.granary.iam.sigv4.Credential;
import io.granary.iam.sigv4.HeaderMap;
import io.granary.iam.sigv4.SigV4Signing;
import io.granary.iam.sigv4.SigV4Verifier;
import io.granary.iam.sigv4.SignedRequest;
import io.granary.iam.sigv4.SigningKeyCache;
import io.granary.iam.sigv4.SigningRules;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.Optional;

/**
 * Verifies the SigV4 signature of an IAM or STS request for its own service ({@code iam}, {@code sts}:
 * the scope must name the endpoint the router chose) over the whole request, body included: the body
 * is read first (it is small), hashed, and that hash is the payload the signature must cover; a
 * declared {@code x-amz-content-sha256} must equal it. Long-term keys resolve through
 * {@link IamService#findCredential}, temporary ones through their {@code x-amz-security-token} (header
 * or presigned query), opened in memory. Runs on the event loop: no store reads.
 */
final class QueryAuthenticator {
    private static final int SIGNING_KEYS_CACHED = 1_000;
    private static final String TOKEN_HEADER = "x-amz-security-token";
    private static final String TOKEN_QUERY = "X-Amz-Security-Token";

    private final IamService iam;
    private final Clock clock;
    private final SigningKeyCache keys = new SigningKeyCache(SIGNING_KEYS_CACHED);

    QueryAuthenticator(IamService iam, Clock clock) {
        this.iam = iam;
        this.clock = clock;
    }

    /**
     * @param service the scope's service the request must be signed for: {@code iam} or {@code sts}
     * @return the caller
     * @throws io.granary.iam.sigv4.AuthException for a bad signature, unknown key, wrong scope or time
     * @throws io.granary.iam.IamException for an invalid or expired session token
     */
    Identity authenticate(S3Request request, byte[] body, String service) {
        HttpServerRequest http = request.http();
        HeaderMap.Builder builder = HeaderMap.builder();
        http.headers().forEach(header -> builder.add(header.getKey(), header.getValue()));
        HeaderMap headers = builder.build();
        String bodyHash = SigV4Signing.sha256Hex(body);
        String declared = headers.first("x-amz-content-sha256");
        if (declared != null && !declared.equals(bodyHash)) {
            throw new IamApiException(IamError.SIGNATURE_DOES_NOT_MATCH, "The provided x-amz-content-sha256 header "
                    + "does not match the request body.");
        }
        String token = headers.first(TOKEN_HEADER);
        if (token == null) token = request.query(TOKEN_QUERY);
        Identity[] caller = new Identity[1];
        String sessionToken = token;
        SigV4Verifier verifier = new SigV4Verifier(id -> {
            Optional<Identity> found = sessionToken == null ? iam.findCredential(id)
                    : Optional.of(iam.findSessionCredential(id, sessionToken));
            found.ifPresent(identity -> caller[0] = identity);
            return found.map(i -> new Credential(i.accessKeyId(), i.secretKey(), i.accessKeyId()));
        }, keys, clock, SigningRules.generic(service, null, true, bodyHash));
        AuthResult result = verifier.authenticate(new SignedRequest(http.method().name(), S3Server.rawPath(http),
                request.query().raw(), request.query().parameters(), headers));
        if (!(result instanceof AuthResult.Authenticated signed) || caller[0] == null) {
            throw IamApiException.of(IamError.MISSING_AUTHENTICATION_TOKEN);
        }
        iam.recordKeyUse(signed.accessKeyId(), service, signed.scope().region(), clock.millis());
        return caller[0];
    }
}
