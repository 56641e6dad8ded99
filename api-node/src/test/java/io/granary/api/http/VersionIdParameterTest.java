package io.granary.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionIdParameterTest {

    @Test
    void absentAndTheNullVersionAndOurIdsPass() {
        assertNull(VersionIdParameter.parse(null));
        assertEquals("null", VersionIdParameter.parse("null"));
        assertEquals("AAYO8xRsAAEzL2Gv", VersionIdParameter.parse("AAYO8xRsAAEzL2Gv"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Null", "v1", "AAYO8xRsAAEzL2G", "AAYO8xRsAAEzL2Gv+", "AAYO8xRs/AEzL2Gv",
        "AAAAAAAAAAAAAAAA", "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo"})
    void anythingElseIsInvalidArgument(String value) {
        S3Exception e = assertThrows(S3Exception.class, () -> VersionIdParameter.parse(value));
        assertEquals(S3Error.INVALID_ARGUMENT, e.error());
        assertEquals("versionId", e.extras().get("ArgumentName"));
    }
}
