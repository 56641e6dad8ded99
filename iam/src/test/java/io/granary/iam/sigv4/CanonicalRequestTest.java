package io.granary.iam.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** S3 canonicalisation rules for paths, queries and header values, and the signing key cache. */
class CanonicalRequestTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/bucket/a b|/bucket/a%20b",
        "/bucket/a%20b|/bucket/a%20b",
        "/bucket/a+b|/bucket/a%2Bb",
        "/bucket/a%2bb|/bucket/a%2Bb",
        "/bucket/dir%2Fkey|/bucket/dir%2Fkey",
        "/bucket/%41%7e~|/bucket/A~~",
        "/bucket/100%|/bucket/100%25",
        "/bucket/%zz|/bucket/%25zz",
        "/bucket/ሴ|/bucket/%E1%88%B4",
        "/bucket/./../x//|/bucket/./../x//",
        "''|/"})
    void s3PathIsDecodedThenEncodedOncePerSegmentWithoutNormalisation(String raw, String canonical) {
        assertEquals(canonical, CanonicalRequest.canonicalUri(raw, false));
    }

    @Test
    void queryIsSortedByEncodedNameThenValueWithEmptyValuesKept() {
        QueryParameters query = QueryParameters.parse("b=2&a=z&a=y&acl&c=%7e+&&X-Amz-Signature=s");
        assertEquals("X-Amz-Signature=s&a=y&a=z&acl=&b=2&c=~%2B", query.canonical(null));
        assertEquals("a=y&a=z&acl=&b=2&c=~%2B", query.canonical("X-Amz-Signature"));
        assertEquals("~+", query.first("c"));
    }

    @Test
    void headerValuesAreTrimmedCollapsedAndRepeatedValuesJoined() {
        HeaderMap headers = HeaderMap.builder().add("My-Header", "  a   b\t c  ").add("my-header", "d")
                .add("Other", "x").build();
        assertEquals("my-header:a b c,d\nother:x\n",
                CanonicalRequest.canonicalHeaders(headers, List.of("my-header", "other")));
    }

    @Test
    void signingKeyCacheReusesKeysRederivesForANewSecretAndStaysBounded() {
        SigningKeyCache cache = new SigningKeyCache(3);
        Credential credential = new Credential("AK", "secret", "p");
        CredentialScope scope = new CredentialScope("AK", "20250601", "us-east-1", "s3");
        byte[] key = cache.signingKey(credential, scope);
        assertSame(key, cache.signingKey(credential, scope));
        byte[] rotated = cache.signingKey(new Credential("AK", "other", "p"), scope);
        assertNotSame(key, rotated);
        assertEquals(SigV4Signing.hex(SigV4Signing.signingKey("other", "20250601", "us-east-1", "s3")),
                SigV4Signing.hex(rotated));
        for (int day = 10; day < 30; day++) {
            cache.signingKey(credential, new CredentialScope("AK", "202506" + day, "us-east-1", "s3"));
        }
        assertTrue(cache.size() <= 3, "cache grew to " + cache.size());
    }
}
