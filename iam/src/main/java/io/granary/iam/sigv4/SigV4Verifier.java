package io.granary.iam.sigv4;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Authenticates a request's headers and query with AWS Signature V4: the {@code Authorization} header form,
 * presigned URLs, or no credentials at all (anonymous). It checks, in this order: the syntax, the credential
 * scope (date, region, service), the request time (15 minutes skew; presigned expiry), that host, the time
 * header and every {@code x-amz-*} header are signed, the payload declaration, the access key, and finally the
 * signature in constant time. The body is checked afterwards by {@link PayloadDecoder}. Thread-safe; never
 * blocks (the credential lookup must not either).
 */
public final class SigV4Verifier {
    private static final String PRESIGNED_SIGNATURE = "X-Amz-Signature";

    private final CredentialLookup credentials;
    private final SigningKeyCache keys;
    private final Clock clock;
    private final SigningRules rules;

    public SigV4Verifier(CredentialLookup credentials, SigningKeyCache keys, Clock clock, SigningRules rules) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /**
     * Verifies {@code request} and says how its body must be processed.
     *
     * @throws AuthException with the reason S3 would answer with
     */
    public AuthResult authenticate(SignedRequest request) {
        QueryParameters query = request.query();
        return switch (AuthMechanism.of(request.headers(), query)) {
            case V4_HEADER -> headerSigned(request, query,
                    AuthorizationHeader.parse(request.headers().first("authorization")));
            case V4_QUERY -> presigned(request, query, PresignedQuery.parse(query));
            case V2_HEADER, V2_QUERY -> throw new AuthException(AuthException.Reason.INVALID_REQUEST,
                    "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
            case NONE -> new AuthResult.Anonymous(PayloadMode.withoutSeed(request.headers()));
        };
    }

    private AuthResult headerSigned(SignedRequest request, QueryParameters query, AuthorizationHeader header) {
        HeaderMap headers = request.headers();
        RequestTime time = RequestTime.fromHeaders(headers);
        if (time == null) {
            throw new AuthException(AuthException.Reason.ACCESS_DENIED,
                    "AWS authentication requires a valid Date or x-amz-date header");
        }
        CredentialScope scope = header.credential();
        checkScope(scope, time.date(), AuthException.Reason.AUTHORIZATION_HEADER_MALFORMED,
                AuthorizationHeader.MALFORMED);
        checkSkew(time, headers.first(time.header()));
        checkAllSigned(header.signedHeaders(), headers, time.header());
        String contentSha256 = headers.first(ContentSha256.HEADER);
        String payloadHash = contentSha256;
        if (contentSha256 == null) {
            if (rules.isS3()) {
                throw new AuthException(AuthException.Reason.INVALID_REQUEST,
                        "Missing required header for this request: x-amz-content-sha256");
            }
            payloadHash = rules.payloadHashWhenAbsent();
        }
        PayloadMode mode = ContentSha256.mode(contentSha256, header.signature(), headers);
        CanonicalRequest canonical = CanonicalRequest.of(request, query, null, header.signedHeaders(), payloadHash,
                rules.normalizePath());
        return verified(canonical, time.timestamp(), scope, header.signature(), mode, false);
    }

    private AuthResult presigned(SignedRequest request, QueryParameters query, PresignedQuery presigned) {
        CredentialScope scope = presigned.credential();
        checkScope(scope, presigned.amzDate().substring(0, 8),
                AuthException.Reason.AUTHORIZATION_QUERY_PARAMETERS_ERROR, PresignedQuery.CREDENTIAL_ERROR);
        checkValidity(presigned);
        checkAllSigned(presigned.signedHeaders(), request.headers(), null);
        String payloadHash = rules.payloadHashWhenAbsent();
        if (rules.isS3()) {
            String declared = query.first("X-Amz-Content-Sha256");
            payloadHash = declared == null ? PayloadMode.UNSIGNED_PAYLOAD : declared;
        }
        PayloadMode mode = ContentSha256.mode(payloadHash, presigned.signature(), request.headers());
        if (mode instanceof PayloadMode.Chunked) {
            throw new AuthException(AuthException.Reason.INVALID_REQUEST,
                    "Presigned URLs cannot use aws-chunked payload signing.");
        }
        CanonicalRequest canonical = CanonicalRequest.of(request, query, PRESIGNED_SIGNATURE,
                presigned.signedHeaders(), payloadHash, rules.normalizePath());
        return verified(canonical, presigned.amzDate(), scope, presigned.signature(), mode, true);
    }

    private AuthResult verified(CanonicalRequest canonical, String timestamp, CredentialScope scope,
                                String signature, PayloadMode mode, boolean presigned) {
        Credential credential = credentials.find(scope.accessKeyId()).orElseThrow(() -> new AuthException(
                AuthException.Reason.INVALID_ACCESS_KEY_ID, "The AWS Access Key Id you provided does not exist in "
                + "our records.", Map.of("AWSAccessKeyId", scope.accessKeyId())));
        byte[] signingKey = keys.signingKey(credential, scope);
        SignatureCheck.verify(canonical, timestamp, scope, signingKey, signature);
        return new AuthResult.Authenticated(credential.principal(), credential.accessKeyId(), scope, timestamp,
                signingKey, signature, mode, presigned);
    }

    private void checkScope(CredentialScope scope, String date, AuthException.Reason reason, String prefix) {
        if (!scope.date().equals(date)) {
            throw new AuthException(reason, prefix + "Invalid credential date \"" + scope.date()
                    + "\". Date is not the same as X-Amz-Date: \"" + date + "\".");
        }
        if (rules.region() != null && !rules.region().equals(scope.region())) {
            throw new AuthException(reason, prefix + "the region '" + scope.region() + "' is wrong; expecting '"
                    + rules.region() + "'", Map.of("Region", rules.region()));
        }
        if (!rules.service().equals(scope.service())) {
            throw new AuthException(reason, prefix + "incorrect service \"" + scope.service()
                    + "\". This endpoint belongs to \"" + rules.service() + "\".");
        }
    }

    private void checkSkew(RequestTime time, String rawTime) {
        AuthException skewed = AuthException.ifSkewed(time.instant(), rawTime, clock.instant(),
                RequestTime.MAX_SKEW_MILLIS);
        if (skewed != null) throw skewed;
    }

    private void checkValidity(PresignedQuery presigned) {
        Instant now = clock.instant();
        if (presigned.signedAt().toEpochMilli() - now.toEpochMilli() > RequestTime.MAX_SKEW_MILLIS) {
            throw new AuthException(AuthException.Reason.ACCESS_DENIED, "Request is not valid yet");
        }
        Instant expires = presigned.signedAt().plusSeconds(presigned.expiresSeconds());
        if (now.isAfter(expires)) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("X-Amz-Expires", Long.toString(presigned.expiresSeconds()));
            details.put("Expires", expires.toString());
            details.put("ServerTime", now.truncatedTo(ChronoUnit.SECONDS).toString());
            throw new AuthException(AuthException.Reason.ACCESS_DENIED, "Request has expired", details);
        }
    }

    /** S3 requires host, the header carrying the request time and every x-amz-* header present to be signed. */
    private static void checkAllSigned(List<String> signed, HeaderMap headers, String timeHeader) {
        List<String> unsigned = new ArrayList<>(0);
        if (!signed.contains("host")) unsigned.add("host");
        if (timeHeader != null && !timeHeader.startsWith("x-amz-") && !signed.contains(timeHeader)) {
            unsigned.add(timeHeader);
        }
        for (String name : headers.names().tailSet("x-amz-", true)) {
            if (!name.startsWith("x-amz-")) break;
            if (!signed.contains(name)) unsigned.add(name);
        }
        if (!unsigned.isEmpty()) {
            throw new AuthException(AuthException.Reason.ACCESS_DENIED,
                    "There were headers present in the request which were not signed",
                    Map.of("HeadersNotSigned", String.join(", ", unsigned)));
        }
    }
}
