package io.granary.iam.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.codec.binary.Hex;
import org.junit.jupiter.api.Test;

class SigV4SigningTest {

    /** The worked example from the AWS SigV4 documentation ("Examples of how to derive a signing key"). */
    @Test
    void derivesTheDocumentedSigningKey() {
        byte[] key = SigV4Signing.signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215",
                "us-east-1", "iam");
        assertEquals("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d", Hex.encodeHexString(key));
    }

    @Test
    void hashesTheEmptyPayloadLikeAws() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                SigV4Signing.sha256Hex(new byte[0]));
    }
}
