package io.granary.api.auth;

import io.granary.api.http.RawHeaderValue;
import io.granary.api.http.S3Headers;
import io.granary.api.http.S3Request;
import io.granary.api.http.S3Router;
import io.granary.api.http.S3Server;
import io.granary.iam.IamService;
import io.granary.iam.Identity;
import io.granary.iam.policy.RequestPrincipal;
import io.granary.iam.sigv2.SigV2Verifier;
import io.granary.iam.sigv4.AuthMechanism;
import io.granary.iam.sigv4.AuthResult;
import io.granary.iam.sigv4.Credential;
import io.granary.iam.sigv4.CredentialLookup;
import io.granary.iam.sigv4.HeaderMap;
import io.granary.iam.sigv4.PostPolicySignature;
import io.granary.iam.sigv4.QueryParameters;
import io.granary.iam.sigv4.SigV4Verifier;
import io.granary.iam.sigv4.SignedRequest;
import io.granary.iam.sigv4.SigningKeyCache;
import io.granary.iam.sigv4.SigningRules;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a request's signature (SigV4 header or presigned; SigV2 header or presigned unless turned off; the
 * body's own checks come later, while it streams) and resolves the access key to the identity policies are
 * evaluated for. Temporary credentials are resolved from their session token ({@code x-amz-security-token}
 * header, or the presigned {@code X-Amz-Security-Token} parameter), which opens in memory. Runs on the event
 * loop: one HMAC chain over a cached signing key and in-memory lookups.
 */
public final class RequestAuthenticator {
    private static final int SIGNING_KEYS_CACHED = 10_000;
    private static final String SESSION_TOKEN_PARAMETER = "X-Amz-Security-Token";

    private final IamService iam;
    private final Clock clock;
    private final SigningKeyCache signingKeys = new SigningKeyCache(SIGNING_KEYS_CACHED);
    private final boolean sigV2;
    private final S3Router router;
    private final String region;

    /**
     * @param sigV2  whether Signature V2 requests are accepted (else they are refused as SigV4 refuses them)
     * @param router names the bucket of a virtual-host request, which V2 signs as part of the resource
     * @param region recorded as where a key was last used
     */
    public RequestAuthenticator(IamService iam, Clock clock, boolean sigV2, S3Router router, String region) {
        this.iam = iam;
        this.clock = clock;
        this.sigV2 = sigV2;
        this.router = router;
        this.region = region;
    }

    /**
     * @throws io.granary.iam.sigv4.AuthException when the request's signature, credentials or timing are not valid
     * @throws io.granary.iam.IamException EXPIRED_TOKEN or INVALID_TOKEN for a bad session token
     */
    public Caller authenticate(S3Request request) {
        HttpServerRequest http = request.http();
        HeaderMap.Builder builder = HeaderMap.builder();
        for (Map.Entry<String, String> header : http.headers()) {
            // Signatures are over the raw bytes; SDKs send non-ASCII values as the UTF-8 they signed.
            builder.add(header.getKey(), RawHeaderValue.decoded(header.getValue()));
        }
        HeaderMap headers = builder.build();
        QueryParameters query = request.query().parameters();
        SignedRequest signed = new SignedRequest(http.method().name(), S3Server.rawPath(http), request.query().raw(),
                query, headers);
        KeyLookup lookup = new KeyLookup(sessionToken(headers, query));
        AuthResult auth;
        if (sigV2 && AuthMechanism.of(headers, query).isSigV2()) {
            auth = new SigV2Verifier(lookup, clock).authenticate(signed,
                    router.virtualHostBucket(http.getHeader(S3Headers.HOST)));
        } else {
            auth = new SigV4Verifier(lookup, signingKeys, clock, SigningRules.s3(null)).authenticate(signed);
        }
        return caller(lookup, auth);
    }

    /**
     * Authenticates a POST form upload by its fields: the signature over its {@code policy} field
     * ({@link PostPolicySignature}), temporary credentials by its {@code x-amz-security-token} field.
     *
     * @param fields the form fields before the file, names lower-case, with at least one signature field
     * @throws io.granary.iam.sigv4.AuthException when the form's signature or credentials are not valid
     * @throws io.granary.iam.IamException EXPIRED_TOKEN or INVALID_TOKEN for a bad session token
     */
    public Caller authenticateForm(Map<String, String> fields) {
        KeyLookup lookup = new KeyLookup(fields.get(S3Headers.SECURITY_TOKEN));
        String policy = fields.getOrDefault("policy", "");
        return caller(lookup, new PostPolicySignature(lookup, signingKeys).verify(fields, policy, sigV2));
    }

    private Caller caller(KeyLookup lookup, AuthResult auth) {
        if (lookup.found == null) return new Caller(RequestPrincipal.ANONYMOUS, null, auth);
        if (!lookup.found.temporary()) {
            iam.recordKeyUse(lookup.found.accessKeyId(), "s3", region, clock.millis());
        }
        return new Caller(lookup.found.principal(), lookup.found.sessionPolicy(), auth);
    }

    /** Whether the caller is the system account's root, the one the admin API is for. */
    public boolean isSystemRoot(Caller caller) {
        return iam.isSystemRoot(caller.principal());
    }

    private static String sessionToken(HeaderMap headers, QueryParameters query) {
        String header = headers.first(S3Headers.SECURITY_TOKEN);
        if (header != null) return header;
        String presigned = query.first(SESSION_TOKEN_PARAMETER);
        // botocore's SigV2 presigned URLs carry it lower-case, as the header it was signed as.
        return presigned != null ? presigned : query.first(S3Headers.SECURITY_TOKEN);
    }

    /**
     * The verifiers' view of IAM for one request: a long-term key, or temporary credentials when the request
     * carries a session token; remembers the identity found, for the principal.
     */
    private final class KeyLookup implements CredentialLookup {
        private final String sessionToken;
        private Identity found;

        KeyLookup(String sessionToken) {
            this.sessionToken = sessionToken;
        }

        @Override
        public Optional<Credential> find(String accessKeyId) {
            Optional<Identity> identity = sessionToken == null ? iam.findCredential(accessKeyId)
                    : Optional.of(iam.findSessionCredential(accessKeyId, sessionToken));
            found = identity.orElse(null);
            return identity.map(i -> new Credential(i.accessKeyId(), i.secretKey(), i.accessKeyId()));
        }
    }
}
