package io.granary.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** POST policy documents: parsing, expiry, each condition form, field coverage and the length range. */
class PostPolicyTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final String CONDITIONS = "{\"bucket\":\"photos\"},[\"starts-with\",\"$key\",\"user/\"],"
            + "[\"eq\",\"$Content-Type\",\"image/png\"],{\"x-amz-meta-tag\":\"t\"},[\"content-length-range\",1,100]";
    private static final Map<String, String> FIELDS = Map.of("key", "user/a.png", "content-type", "image/png",
            "x-amz-meta-tag", "t", "policy", "p", "x-amz-signature", "s", "x-ignore-me", "1");

    private static PostPolicy policy(String expiration, String conditions) {
        String json = "{\"expiration\":\"" + expiration + "\",\"conditions\":[" + conditions + "]}";
        return PostPolicy.parse(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static S3Exception refused(S3Error error, Executable check) {
        S3Exception e = assertThrows(S3Exception.class, check);
        assertEquals(error, e.error(), e.getMessage());
        return e;
    }

    @Test
    void aConformingFormPasses() {
        policy("2026-12-03T11:00:00.000Z", CONDITIONS).check(NOW, "photos", FIELDS, 50);
    }

    @Test
    void anExpiredPolicyIsAccessDenied() {
        S3Exception e = refused(S3Error.ACCESS_DENIED, () -> policy("2026-12-03T09:59:59Z", CONDITIONS)
                .check(NOW, "photos", FIELDS, 50));
        assertEquals("Invalid according to Policy: Policy expired.", e.getMessage());
    }

    @Test
    void aFailedConditionIsNamedAsS3QuotesIt() {
        S3Exception e = refused(S3Error.ACCESS_DENIED, () -> policy("2026-12-03T11:00:00Z", CONDITIONS)
                .check(NOW, "photos", Map.of("key", "other/a.png", "content-type", "image/png", "x-amz-meta-tag",
                        "t"), 50));
        assertEquals("Invalid according to Policy: Policy Condition failed: [\"starts-with\", \"$key\", \"user/\"]",
                e.getMessage());
        refused(S3Error.ACCESS_DENIED, () -> policy("2026-12-03T11:00:00Z", CONDITIONS).check(NOW, "videos",
                FIELDS, 50));
    }

    @Test
    void aFieldNoConditionNamesIsAnExtraInputField() {
        S3Exception e = refused(S3Error.ACCESS_DENIED, () -> policy("2026-12-03T11:00:00Z",
                "[\"starts-with\",\"$key\",\"\"]").check(NOW, "photos", Map.of("key", "k", "acl", "private"), 1));
        assertEquals("Invalid according to Policy: Extra input fields: acl", e.getMessage());
    }

    @Test
    void theLengthRangeAnswersEntityTooSmallOrTooLarge() {
        PostPolicy policy = policy("2026-12-03T11:00:00Z", CONDITIONS);
        assertEquals("100", refused(S3Error.ENTITY_TOO_LARGE, () -> policy.check(NOW, "photos", FIELDS, 101))
                .extras().get("MaxSizeAllowed"));
        assertEquals("1", refused(S3Error.ENTITY_TOO_SMALL, () -> policy.check(NOW, "photos", FIELDS, 0))
                .extras().get("MinSizeAllowed"));
    }

    @Test
    void aBrokenDocumentIsInvalidPolicyDocument() {
        refused(S3Error.INVALID_POLICY_DOCUMENT, () -> PostPolicy.parse("not base64 {"));
        refused(S3Error.INVALID_POLICY_DOCUMENT, () -> PostPolicy.parse(Base64.getEncoder().encodeToString(
                "{\"conditions\":[]}".getBytes(StandardCharsets.UTF_8))));
        refused(S3Error.INVALID_POLICY_DOCUMENT, () -> policy("tomorrow", CONDITIONS));
        refused(S3Error.INVALID_POLICY_DOCUMENT, () -> policy("2026-12-03T11:00:00Z", "[\"matches\",\"$key\",\"x\"]"));
        refused(S3Error.INVALID_POLICY_DOCUMENT, () -> policy("2026-12-03T11:00:00Z", "[\"eq\",\"key\",\"x\"]"));
    }
}
