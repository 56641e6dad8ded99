package io.granary.iam.sigv2;

import io.granary.iam.sigv4.AuthException;
import io.granary.iam.sigv4.AuthMechanism;
import io.granary.iam.sigv4.AuthResult;
import io.granary.iam.sigv4.Credential;
import io.granary.iam.sigv4.CredentialLookup;
import io.granary.iam.sigv4.HeaderMap;
import io.granary.iam.sigv4.PayloadMode;
import io.granary.iam.sigv4.QueryParameters;
import io.granary.iam.sigv4.SigV4Signing;
import io.granary.iam.sigv4.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates S3 requests signed with Signature V2 (HMAC-SHA1): {@code Authorization: AWS AKID:signature} or
 * the presigned {@code AWSAccessKeyId}/{@code Signature}/{@code Expires} query. Header-signed requests must be
 * within 15 minutes of the server's clock; presigned ones are good until {@code Expires} (no upper bound, as on
 * S3). The signature is compared in constant time. The body is not signed in V2, so the result's payload mode
 * is what an unsigned request gets. Thread-safe; never blocks (the credential lookup must not either).
 */
public final class SigV2Verifier {
    static final long MAX_SKEW_MILLIS = 15 * 60 * 1000L;
    private static final String HMAC_SHA1 = "HmacSHA1";

    private final CredentialLookup credentials;
    private final Clock clock;

    public SigV2Verifier(CredentialLookup credentials, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Verifies a request whose {@link AuthMechanism} is V2.
     *
     * @param virtualHostBucket the bucket the Host header names (virtual-host addressing), or null
     * @throws AuthException with the reason S3 would answer with
     */
    public AuthResult.SignedV2 authenticate(SignedRequest request, String virtualHostBucket) {
        QueryParameters query = request.query();
        AuthMechanism mechanism = AuthMechanism.of(request.headers(), query);
        String resource = CanonicalResource.of(virtualHostBucket, request.rawPath(), request.rawQuery());
        return switch (mechanism) {
            case V2_HEADER -> headerSigned(request, resource);
            case V2_QUERY -> presigned(request, query, resource);
            case NONE, V4_HEADER, V4_QUERY -> throw new IllegalArgumentException("not a Signature V2 request: "
                    + mechanism);
        };
    }

    private AuthResult.SignedV2 headerSigned(SignedRequest request, String resource) {
        HeaderMap headers = request.headers();
        String authorization = headers.first("authorization").strip();
        int colon = authorization.indexOf(':');
        if (!authorization.startsWith("AWS ") || colon < 5 || colon == authorization.length() - 1
                || authorization.indexOf(' ', 4) >= 0) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("ArgumentName", "Authorization");
            details.put("ArgumentValue", authorization);
            throw new AuthException(AuthException.Reason.INVALID_ARGUMENT,
                    "AWS authorization header is invalid.  Expected AwsAccessKeyId:signature", details);
        }
        String accessKeyId = authorization.substring(4, colon);
        String signature = authorization.substring(colon + 1);
        String amzDate = headers.first("x-amz-date");
        String rawTime = amzDate != null ? amzDate : headers.first("date");
        Instant time = rawTime == null ? null : HttpDate.parse(rawTime);
        if (time == null) {
            throw new AuthException(AuthException.Reason.ACCESS_DENIED,
                    "AWS authentication requires a valid Date or x-amz-date header");
        }
        checkSkew(time, rawTime);
        // With x-amz-date present S3 ignores Date: its line is empty and x-amz-date is signed as an amz header
        // (AWS's text, boto, the Java SDK v1). botocore and MinIO keep a Date header in that line; accepted too.
        String date = amzDate != null ? "" : rawTime.strip();
        String stringToSign = StringToSign.of(request.method(), headers, null, date, resource);
        String dateHeader = headers.first("date");
        if (amzDate != null && dateHeader != null && !matches(accessKeyId, signature, stringToSign)) {
            String withDate = StringToSign.of(request.method(), headers, null, dateHeader.strip(), resource);
            if (matches(accessKeyId, signature, withDate)) stringToSign = withDate;
        }
        return verified(accessKeyId, signature, stringToSign, headers, false);
    }

    private boolean matches(String accessKeyId, String signature, String stringToSign) {
        return credentials.find(accessKeyId).map(c -> constantTimeEquals(sign(c.secretKey(), stringToSign),
                signature)).orElse(false);
    }

    private AuthResult.SignedV2 presigned(SignedRequest request, QueryParameters query, String resource) {
        String accessKeyId = query.first("AWSAccessKeyId");
        String signature = query.first("Signature");
        String expires = query.first("Expires");
        if (accessKeyId == null || signature == null || expires == null) {
            throw new AuthException(AuthException.Reason.ACCESS_DENIED,
                    "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters");
        }
        long expiresSeconds;
        try {
            expiresSeconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw new AuthException(AuthException.Reason.ACCESS_DENIED,
                    "Invalid date (should be seconds since epoch): " + expires);
        }
        Instant now = clock.instant();
        if (now.getEpochSecond() > expiresSeconds) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("Expires", Instant.ofEpochSecond(expiresSeconds).toString());
            details.put("ServerTime", now.truncatedTo(ChronoUnit.SECONDS).toString());
            throw new AuthException(AuthException.Reason.ACCESS_DENIED, "Request has expired", details);
        }
        String stringToSign = StringToSign.of(request.method(), request.headers(), query, expires, resource);
        return verified(accessKeyId, signature, stringToSign, request.headers(), true);
    }

    private AuthResult.SignedV2 verified(String accessKeyId, String signature, String stringToSign,
            HeaderMap headers, boolean presigned) {
        Credential credential = credentials.find(accessKeyId).orElseThrow(() -> new AuthException(
                AuthException.Reason.INVALID_ACCESS_KEY_ID, "The AWS Access Key Id you provided does not exist in "
                + "our records.", Map.of("AWSAccessKeyId", accessKeyId)));
        String expected = sign(credential.secretKey(), stringToSign);
        if (!constantTimeEquals(expected, signature)) {
            throw AuthException.signatureMismatch(accessKeyId, stringToSign, signature, null);
        }
        return new AuthResult.SignedV2(credential.principal(), credential.accessKeyId(),
                PayloadMode.withoutSeed(headers), presigned);
    }

    private static boolean constantTimeEquals(String expected, String provided) {
        return SigV4Signing.constantTimeEquals(expected.getBytes(StandardCharsets.UTF_8),
                provided.getBytes(StandardCharsets.UTF_8));
    }

    /** Base64 of HMAC-SHA1 over the UTF-8 string to sign, keyed with the secret. */
    public static String sign(String secretKey, String stringToSign) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA1);
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), HMAC_SHA1));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    private void checkSkew(Instant time, String rawTime) {
        AuthException skewed = AuthException.ifSkewed(time, rawTime, clock.instant(), MAX_SKEW_MILLIS);
        if (skewed != null) throw skewed;
    }
}
