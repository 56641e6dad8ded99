package io.granary.metadata.store;

import io.granary.metadata.Keys;
import io.granary.metadata.store.MetadataException.Reason;
import java.util.Base64;

/** The opaque resume cursor of a full scan: base64url of the last raw key visited. */
final class ScanCursor {

    private ScanCursor() {
    }

    static String encode(byte[] lastRawKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastRawKey);
    }

    /** Where a scan resumes: the start of the table for a null cursor, else just after the last key. */
    static byte[] resumeAt(String cursor) {
        if (cursor == null) return new byte[0];
        try {
            return Keys.after(Base64.getUrlDecoder().decode(cursor));
        } catch (IllegalArgumentException e) {
            throw new MetadataException(Reason.INVALID_ARGUMENT, "not a scan cursor: " + cursor);
        }
    }
}
