package io.granary.metadata.store;

import io.granary.metadata.Schema;
import io.granary.metadata.store.MetadataException.Reason;
import java.security.SecureRandom;

/**
 * Upload ids: 12 hex digits of the creation time in milliseconds and 20 hex digits (80 bits) of
 * randomness, 32 characters, URL-safe, sorting in creation order so one key's uploads list in
 * initiation order as S3 does. Ids not of this shape cannot name an upload.
 */
final class UploadIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private UploadIds() {
    }

    static String next(long nowMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        StringBuilder id = new StringBuilder(Schema.UPLOAD_ID_LENGTH);
        id.append(String.format("%012x", nowMillis & 0xFFFF_FFFF_FFFFL));
        for (byte b : random) id.append(String.format("%02x", b));
        return id.toString();
    }

    /** Throws NO_SUCH_UPLOAD for an id this store cannot have issued. */
    static void check(String uploadId) {
        if (uploadId == null || uploadId.length() != Schema.UPLOAD_ID_LENGTH
                || !uploadId.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new MetadataException(Reason.NO_SUCH_UPLOAD, "no such upload: " + uploadId);
        }
    }
}
