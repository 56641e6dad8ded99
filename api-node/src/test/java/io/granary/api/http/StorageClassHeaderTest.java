package io.granary.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorageClassHeaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING",
        "GLACIER", "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW", "EXPRESS_ONEZONE", "FSX_OPENZFS", "FSX_ONTAP"})
    void everyClassAwsListsIsAcceptedAsGiven(String name) {
        assertEquals(name, StorageClassHeader.parse(" " + name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "standard", "COLD", "GLACIER,STANDARD"})
    void anyOtherNameIsInvalidStorageClass(String name) {
        S3Exception e = assertThrows(S3Exception.class, () -> StorageClassHeader.parse(name));
        assertEquals(S3Error.INVALID_STORAGE_CLASS, e.error());
    }

    @Test
    void absentIsStandardAndReportedAsSuch() {
        assertNull(StorageClassHeader.parse(null));
        assertEquals("STANDARD", StorageClassHeader.report(null));
        assertEquals("GLACIER", StorageClassHeader.report("GLACIER"));
    }
}
