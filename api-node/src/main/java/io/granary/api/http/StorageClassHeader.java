package io.granary.api.http;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.metadata.model.ObjectRecord;
import java.util.Set;

/**
 * {@code x-amz-storage-class} on PutObject, CopyObject and CreateMultipartUpload. Every class AWS
 * lists is accepted and stored as given (Granary keeps every class on the same erasure-coded nodes,
 * so the name is what the client reads back, not a different placement); anything else is
 * {@code InvalidStorageClass}. Stored records hold null for STANDARD.
 */
public final class StorageClassHeader {
    /** The classes of the S3 API's StorageClass enumeration (AWS SDKs, 2025). */
    static final Set<String> CLASSES = Set.of("STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA",
            "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW", "EXPRESS_ONEZONE",
            "FSX_OPENZFS", "FSX_ONTAP");

    private StorageClassHeader() {
    }

    /**
     * The class a write asks for.
     *
     * @param header the header's value, or null
     * @return the class, or null when the header is absent (STANDARD)
     * @throws S3Exception InvalidStorageClass for a name AWS does not define (names are case-sensitive)
     */
    public static String parse(String header) {
        if (header == null) return null;
        String name = header.trim();
        if (!CLASSES.contains(name)) throw S3Exception.of(S3Error.INVALID_STORAGE_CLASS);
        return name;
    }

    /** The class to report for a stored value (null is STANDARD). */
    public static String report(String stored) {
        return stored == null ? ObjectRecord.STANDARD : stored;
    }
}
