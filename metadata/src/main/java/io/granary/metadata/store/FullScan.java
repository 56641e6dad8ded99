package io.granary.metadata.store;

import io.granary.metadata.Cursor;
import io.granary.metadata.Keys;
import io.granary.metadata.Schema;
import io.granary.metadata.Table;
import io.granary.metadata.store.MetadataException.Reason;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Paged scans over a whole bucket-keyed table (heal, scrub, orphan GC). The resume cursor is
 * opaque: base64url of the last raw key visited. Records of a bucket id with no bucket (none
 * should exist) are skipped.
 */
final class FullScan {

    /** Builds one page item from the bucket name and the cursor's current entry. */
    interface Item<V, T> {
        T of(String bucket, byte[] rawKey, V value);
    }

    private FullScan() {
    }

    static <V, T> ScanPage<T> page(Table<V> table, Map<Long, String> bucketNames, String resumeCursor, int limit,
                                   Item<V, T> item) {
        if (limit < 1) throw new MetadataException(Reason.INVALID_ARGUMENT, "scan limit must be positive");
        List<T> page = new ArrayList<>();
        byte[] lastKey = null;
        try (Cursor<V> it = table.scan(resumeAt(resumeCursor), Keys.END)) {
            for (; it.valid() && page.size() < limit; it.next()) {
                lastKey = it.key();
                String bucket = bucketNames.get(Schema.bucketIdOf(lastKey));
                if (bucket != null) page.add(item.of(bucket, lastKey, it.value()));
            }
            return new ScanPage<>(page, it.valid() ? Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey)
                    : null);
        }
    }

    private static byte[] resumeAt(String cursor) {
        if (cursor == null) return new byte[0];
        try {
            return Keys.after(Base64.getUrlDecoder().decode(cursor));
        } catch (IllegalArgumentException e) {
            throw new MetadataException(Reason.INVALID_ARGUMENT, "not a scan cursor: " + cursor);
        }
    }
}
