package io.granary.iam.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** POST form signatures, against forms botocore's {@code generate_presigned_post} produced (V4 and V2). */
class PostPolicySignatureTest {
    private static final String KEY = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String V4_POLICY = ""
            + "eyJleHBpcmF0aW9uIjogIjIwMjYtMTItMDNUMDY6MzY6MDBaIiwgImNvbmRpdGlvbnMiOiBbeyJidWNrZXQiOiAiYmt0In0s"
            + "IHsia2V5IjogImsifSwgeyJ4LWFtei1hbGdvcml0aG0iOiAiQVdTNC1ITUFDLVNIQTI1NiJ9LCB7IngtYW16LWNyZWRlbnRp"
            + "YWwiOiAiQUtJREVYQU1QTEUvMjAyNjEyMDMvdXMtZWFzdC0xL3MzL2F3czRfcmVxdWVzdCJ9LCB7IngtYW16LWRhdGUiOiAi"
            + "MjAyNjEyMDNUMDUzNjAwWiJ9XX0=";
    private static final String V2_POLICY = ""
            + "eyJleHBpcmF0aW9uIjogIjIwMjYtMTItMDNUMDY6MzU6NTZaIiwgImNvbmRpdGlvbnMiOiBbeyJhY2wiOiAicHJpdmF0ZSJ9"
            + "LCBbImNvbnRlbnQtbGVuZ3RoLXJhbmdlIiwgMSwgMTAwXSwgeyJidWNrZXQiOiAiYmt0In0sIFsic3RhcnRzLXdpdGgiLCAi"
            + "JGtleSIsICJ1c2VyLyJdXX0=";

    private final PostPolicySignature verifier = new PostPolicySignature(
            id -> id.equals(KEY) ? Optional.of(new Credential(KEY, SECRET, "alice")) : Optional.empty(),
            new SigningKeyCache(4));

    private static Map<String, String> v4Fields(String signature) {
        Map<String, String> fields = new HashMap<>();
        fields.put("key", "k");
        fields.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        fields.put("x-amz-credential", "AKIDEXAMPLE/20261203/us-east-1/s3/aws4_request");
        fields.put("x-amz-date", "20261203T053600Z");
        fields.put("x-amz-signature", signature);
        return fields;
    }

    @Test
    void acceptsABotocoreSigV4Form() {
        AuthResult result = verifier.verify(
                v4Fields("4a43361d387962a3db7c1bedd0d2269487ec8c8343ba3ec2276cffcc72532989"), V4_POLICY, false);
        AuthResult.Authenticated signed = assertInstanceOf(AuthResult.Authenticated.class, result);
        assertEquals("alice", signed.principal());
        assertEquals("us-east-1", signed.scope().region());
    }

    @Test
    void refusesASigV4FormWhosePolicyWasChanged() {
        AuthException e = assertThrows(AuthException.class, () -> verifier.verify(
                v4Fields("4a43361d387962a3db7c1bedd0d2269487ec8c8343ba3ec2276cffcc72532989"), V2_POLICY, false));
        assertEquals(AuthException.Reason.SIGNATURE_DOES_NOT_MATCH, e.reason());
        assertEquals(V2_POLICY, e.details().get("StringToSign"));
    }

    @Test
    void acceptsABotocoreSigV2FormOnlyWhenV2IsOn() {
        Map<String, String> fields = Map.of("awsaccesskeyid", KEY, "signature", "TT0zCrCnjeQiMN84Isw0MKPCmVo=");
        AuthResult.SignedV2 signed = assertInstanceOf(AuthResult.SignedV2.class,
                verifier.verify(fields, V2_POLICY, true));
        assertEquals(KEY, signed.accessKeyId());
        assertEquals(AuthException.Reason.INVALID_REQUEST, assertThrows(AuthException.class,
                () -> verifier.verify(fields, V2_POLICY, false)).reason());
    }

    @Test
    void namesTheMissingFieldAndTheUnknownKey() {
        Map<String, String> fields = v4Fields("00");
        fields.remove("x-amz-date");
        AuthException missing = assertThrows(AuthException.class, () -> verifier.verify(fields, V4_POLICY, false));
        assertEquals(AuthException.Reason.INVALID_ARGUMENT, missing.reason());
        assertEquals("x-amz-date", missing.details().get("ArgumentName"));
        Map<String, String> unknown = v4Fields("00");
        unknown.put("x-amz-credential", "NOBODY/20261203/us-east-1/s3/aws4_request");
        assertEquals(AuthException.Reason.INVALID_ACCESS_KEY_ID, assertThrows(AuthException.class,
                () -> verifier.verify(unknown, V4_POLICY, false)).reason());
    }

    @Test
    void aFormWithoutSignatureFieldsIsAnonymous() {
        assertFalse(PostPolicySignature.isSigned(Map.of("key", "k", "acl", "public-read")));
        assertTrue(PostPolicySignature.isSigned(Map.of("x-amz-signature", "00")));
    }
}
