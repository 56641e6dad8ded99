package io.granary.metadata.store;

import io.granary.metadata.model.ObjectRecord;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Version stamps and the ids made from them. A stamp is the commit time in milliseconds shifted left by 16
 * plus a counter, strictly increasing in this process and above any floor the caller names (the key's newest
 * stamp, so a clock stepping back never reorders a key's versions). An id is base64url (16 characters) of the
 * stamp and 4 random bytes: URL-safe, unique across keys and nodes, and its stamp locates the version's record
 * with one point read. Clients must treat it as opaque.
 */
public final class VersionIds {

    private static final int ID_BYTES = Long.BYTES + Integer.BYTES;
    private static final int ID_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final AtomicLong LAST = new AtomicLong();

    /** A stamp above every earlier one of this process and above {@code floor}. */
    static long next(long floor) {
        long now = System.currentTimeMillis() << 16;
        return LAST.updateAndGet(previous -> Math.max(Math.max(now, previous + 1), floor + 1));
    }

    /** A new id for {@code stamp}. */
    static String format(long stamp) {
        ByteBuffer bytes = ByteBuffer.allocate(ID_BYTES).putLong(stamp).putInt(RANDOM.nextInt());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** Whether {@code id} is {@code null} or could be an id this class made (else S3's InvalidArgument). */
    public static boolean isWellFormed(String id) {
        return ObjectRecord.NULL_VERSION.equals(id) || stamp(id) >= 0;
    }

    private VersionIds() {
    }

    /** The stamp inside {@code id}, or -1 when it is not one of ours (including {@code null}). */
    static long stamp(String id) {
        if (id == null || id.length() != ID_LENGTH) return -1;
        try {
            long stamp = ByteBuffer.wrap(Base64.getUrlDecoder().decode(id)).getLong();
            return stamp > 0 ? stamp : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
