package io.granary.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryTest {

    @Test
    void namesAndValuesAreDecodedOnceInWireOrder() {
        Query query = Query.parse("acl&prefix=photos%2F2025+a%2Bb&max-keys=3&&prefix=second");
        assertEquals(List.of("acl", "prefix", "max-keys"), List.copyOf(query.names()));
        assertEquals("", query.first("acl"));
        assertEquals("photos/2025 a+b", query.first("prefix"));
        assertEquals(List.of("photos/2025 a+b", "second"), query.all("prefix"));
        assertNull(query.first("marker"));
        assertEquals(List.of(), query.all("marker"));
    }

    @Test
    void theSignaturesSeeTheSameQueryStillEncoded() {
        Query query = Query.parse("X-Amz-Credential=AK%2F20250101%2Fus-east-1%2Fs3%2Faws4_request&b=a%20b");
        assertEquals("AK/20250101/us-east-1/s3/aws4_request", query.parameters().first("X-Amz-Credential"));
        assertEquals("X-Amz-Credential=AK%2F20250101%2Fus-east-1%2Fs3%2Faws4_request&b=a%20b", query.raw());
        assertEquals(query.parameters().canonical(null), Query.parse(query.raw()).parameters().canonical(null));
    }

    @Test
    void noQueryIsTheEmptyQuery() {
        assertSame(Query.parse(null), Query.parse(""));
        assertEquals(Set.of(), Query.parse(null).names());
        assertEquals("", Query.parse(null).raw());
    }

    @Test
    void malformedPercentEncodingIsRefused() {
        for (String bad : List.of("prefix=%zz", "a%C3=b", "x=%E2%82")) {
            S3Exception e = assertThrows(S3Exception.class, () -> Query.parse(bad), bad);
            assertEquals(S3Error.INVALID_URI, e.error(), bad);
        }
    }

    @Test
    void partNumberIsOneToTenThousand() {
        assertNull(PartNumberParameter.of(Query.parse("uploadId=u")));
        assertEquals(1, PartNumberParameter.of(Query.parse("partNumber=1")));
        assertEquals(10_000, PartNumberParameter.of(Query.parse("partNumber=10000")));
        for (String bad : List.of("0", "10001", "-1", "x", "", "1.0")) {
            S3Exception e = assertThrows(S3Exception.class,
                    () -> PartNumberParameter.of(Query.parse("partNumber=" + bad)), bad);
            assertEquals(S3Error.INVALID_ARGUMENT, e.error());
            assertEquals(bad, e.extras().get("ArgumentValue"));
        }
    }
}
