package io.granary.api.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.granary.api.xml.ErrorDocument;
import io.granary.api.xml.XmlWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorDocumentTest {

    @Test
    void errorDocumentHasAwsShapeWithEscapedExtras() {
        Map<String, String> extras = new LinkedHashMap<>();
        extras.put("StringToSign", "AWS4-HMAC-SHA256\n<&>");
        S3Exception e = S3Exception.of(S3Error.SIGNATURE_DOES_NOT_MATCH)
                .with("StringToSign", "AWS4-HMAC-SHA256\n<&>");
        String xml = XmlWriter.write(new ErrorDocument(e.error().code(), e.getMessage(), "/b/k",
                "ABCDEF0123456789", "aG9zdA==", e.extras())).toString();
        assertEquals("<?xml version='1.0' encoding='UTF-8'?><Error><Code>SignatureDoesNotMatch</Code>"
                + "<Message>" + S3Error.SIGNATURE_DOES_NOT_MATCH.message() + "</Message><Resource>/b/k</Resource>"
                + "<RequestId>ABCDEF0123456789</RequestId><HostId>aG9zdA==</HostId>"
                + "<StringToSign>AWS4-HMAC-SHA256\n&lt;&amp;&gt;</StringToSign></Error>", xml);
        assertEquals(extras, e.extras());
    }

    @Test
    void everyErrorCodeIsUniqueAndEveryStatusIsAnHttpError() {
        java.util.Set<String> codes = new java.util.HashSet<>();
        for (S3Error error : S3Error.values()) {
            assertEquals(true, codes.add(error.code()), error.code());
            assertEquals(true, error.status() >= 300 && error.status() < 600, error.code());
        }
    }
}
