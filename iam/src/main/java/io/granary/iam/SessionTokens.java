package io.granary.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.granary.iam.policy.RequestPrincipal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.AEADBadTagException;

/**
 * Self-contained STS session tokens: the session's claims (temporary key id and secret, principal,
 * expiry, session policy) as versioned JSON, sealed with AES-GCM under a key derived from the
 * master key, in URL-safe base64. Verifying one needs no store: whoever holds the master key can
 * open it, and nobody else can read or alter it. Opened tokens are kept in a bounded cache, so a
 * client's repeated requests cost one decryption. Thread-safe.
 */
final class SessionTokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] ASSOCIATED_DATA = "granary-sts-session-token".getBytes(StandardCharsets.US_ASCII);
    private static final int OPENED_KEPT = 10_000;

    /** The sealed content. {@code type} is {@code root}, {@code user} or {@code role}. */
    record Claims(int formatVersion, String accessKeyId, String secretKey, String type, String accountId,
            String principalId, String sessionName, long expiresEpochMillis, String sessionPolicy) {
        static final int FORMAT_VERSION = 1;

        static Claims of(String accessKeyId, String secretKey, RequestPrincipal principal, long expiresEpochMillis,
                String sessionPolicy) {
            String type;
            String principalId;
            String sessionName = null;
            if (principal instanceof RequestPrincipal.User user) {
                type = "user";
                principalId = user.userId();
            } else if (principal instanceof RequestPrincipal.AssumedRole role) {
                type = "role";
                principalId = role.roleId();
                sessionName = role.sessionName();
            } else {
                type = "root";
                principalId = principal.accountId();
            }
            return new Claims(FORMAT_VERSION, accessKeyId, secretKey, type, principal.accountId(), principalId,
                    sessionName, expiresEpochMillis, sessionPolicy);
        }
    }

    private final SecretCipher cipher;
    private final Cache<String, Claims> opened = Caffeine.newBuilder().maximumSize(OPENED_KEPT).build();

    SessionTokens(SecretCipher masterCipher) {
        this.cipher = masterCipher.derive("granary sts session token v1");
    }

    String seal(Claims claims) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    cipher.seal(JSON.writeValueAsBytes(claims), ASSOCIATED_DATA));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise session claims", e);
        }
    }

    /** @throws IamException INVALID_TOKEN if the token does not open under this master key */
    Claims open(String token) {
        Claims cached = opened.getIfPresent(token);
        if (cached != null) return cached;
        Claims claims;
        try {
            byte[] plain = cipher.open(Base64.getUrlDecoder().decode(token), ASSOCIATED_DATA);
            claims = JSON.readValue(plain, Claims.class);
        } catch (AEADBadTagException | IllegalArgumentException | IOException e) {
            throw invalid();
        }
        if (claims.formatVersion() != Claims.FORMAT_VERSION) throw invalid();
        opened.put(token, claims);
        return claims;
    }

    static IamException invalid() {
        return new IamException(IamException.Reason.INVALID_TOKEN,
                "The security token included in the request is invalid.");
    }
}
