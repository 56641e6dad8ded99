package io.granary.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.AclHeaders.HeaderGrant;
import io.vertx.core.MultiMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AclHeadersTest {

    private static MultiMap headers(String... pairs) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < pairs.length; i += 2) headers.add(pairs[i], pairs[i + 1]);
        return headers;
    }

    @Test
    void aRequestWithoutAclHeadersAsksForNothing() {
        assertFalse(AclHeaders.parse(headers("x-amz-meta-acl", "public-read")).present());
    }

    @ParameterizedTest
    @ValueSource(strings = {"private", "public-read", "public-read-write", "authenticated-read", "aws-exec-read",
        "bucket-owner-read", "bucket-owner-full-control", "log-delivery-write"})
    void everyCannedAclAwsDefinesIsAccepted(String canned) {
        assertEquals(canned, AclHeaders.parse(headers("x-amz-acl", canned)).canned());
    }

    @Test
    void anUnknownCannedAclIsInvalidArgumentNamingTheHeader() {
        S3Exception e = assertThrows(S3Exception.class, () -> AclHeaders.parse(headers("x-amz-acl", "Public-Read")));
        assertEquals(S3Error.INVALID_ARGUMENT, e.error());
        assertEquals("x-amz-acl", e.extras().get("ArgumentName"));
    }

    @Test
    void grantHeadersKeepTheirOrderQuotesAreStrippedAndEmailIsNormalised() {
        AclHeaders acl = AclHeaders.parse(headers("x-amz-grant-full-control", "id=\"abc\"",
                "x-amz-grant-read", "uri=\"http://acs.amazonaws.com/groups/global/AllUsers\", emailaddress=a@b.c",
                "x-amz-grant-write-acp", " id = def "));
        assertEquals(List.of(new HeaderGrant("READ", "uri", "http://acs.amazonaws.com/groups/global/AllUsers"),
                new HeaderGrant("READ", "emailAddress", "a@b.c"), new HeaderGrant("WRITE_ACP", "id", "def"),
                new HeaderGrant("FULL_CONTROL", "id", "abc")), acl.grants());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"id=", "name=x", "abc", "id=\"\""})
    void aMalformedGranteeIsInvalidArgument(String value) {
        S3Exception e = assertThrows(S3Exception.class, () -> AclHeaders.parse(headers("x-amz-grant-read", value)));
        assertEquals(S3Error.INVALID_ARGUMENT, e.error());
        assertEquals("x-amz-grant-read", e.extras().get("ArgumentName"));
    }

    @Test
    void aCannedAclWithGrantsIsInvalidRequest() {
        S3Exception e = assertThrows(S3Exception.class, () -> AclHeaders.parse(headers("x-amz-acl", "private",
                "x-amz-grant-read", "id=abc")));
        assertEquals(S3Error.INVALID_REQUEST, e.error());
    }
}
