package io.granary.metadata.store;

import io.granary.metadata.Cursor;
import io.granary.metadata.Keys;
import io.granary.metadata.Schema;
import io.granary.metadata.Table;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Walks the keys of one bucket under a prefix in S3 order, rolling up keys that contain the
 * delimiter after the prefix into common prefixes. After a common prefix it seeks to the first
 * key past every key with that prefix (seek-skip), so a page costs O(entries returned), not
 * O(keys under them). An entry is returned only if it sorts after the marker, so a common
 * prefix given as marker (a previous page's last entry) skips its whole group.
 */
final class GroupedScan<V> {

    private final Table<V> table;
    private final byte[] bucketPrefix;
    private final int prefixLength;
    private final byte[] delimiter;
    private final byte[] marker;
    private final ToIntFunction<byte[]> keyEnd;
    private final byte[] lower;
    private final byte[] upper;
    private byte[] commonPrefix;

    /**
     * @param resumeAt where to start after the marker, relative to the bucket prefix; null for
     *     just after the marker key itself
     * @param keyEnd where the object key ends inside a raw key of {@code table}
     */
    GroupedScan(Table<V> table, long bucketId, String prefix, String delimiter, String marker, byte[] resumeAt,
                ToIntFunction<byte[]> keyEnd) {
        this.table = table;
        this.bucketPrefix = Schema.bucketPrefix(bucketId);
        byte[] prefixBytes = Keys.utf8(prefix);
        this.prefixLength = prefixBytes.length;
        this.delimiter = delimiter == null ? null : Keys.utf8(delimiter);
        this.marker = marker == null ? null : Keys.utf8(marker);
        this.keyEnd = keyEnd;
        byte[] start = Keys.concat(bucketPrefix, prefixBytes);
        if (marker != null) {
            start = Keys.max(start, Keys.concat(bucketPrefix, resumeAt != null ? resumeAt : Keys.after(this.marker)));
        }
        this.lower = start;
        this.upper = Keys.concat(bucketPrefix, Keys.pastPrefix(prefixBytes));
    }

    /**
     * Hands up to {@code max} entries in order to the consumers.
     *
     * @return whether entries remain (the listing is truncated)
     */
    boolean visit(int max, Consumer<V> keys, Consumer<String> commonPrefixes) {
        try (Cursor<V> cursor = table.scan(lower, upper)) {
            for (int count = 0; next(cursor); count++) {
                if (count == max) return true;
                if (commonPrefix == null) {
                    keys.accept(cursor.value());
                    cursor.next();
                } else {
                    commonPrefixes.accept(Keys.utf8(commonPrefix, 0, commonPrefix.length));
                }
            }
            return false;
        }
    }

    /**
     * Moves to the next entry: a key (the cursor stays on it, {@code commonPrefix} is null) or a
     * common prefix (the cursor is already past its group).
     */
    private boolean next(Cursor<V> cursor) {
        while (cursor.valid()) {
            byte[] raw = cursor.key();
            int start = bucketPrefix.length;
            int end = keyEnd.applyAsInt(raw);
            int at = delimiter == null ? -1 : Keys.indexOf(raw, start + prefixLength, end, delimiter);
            if (at < 0) {
                commonPrefix = null;
                return true;
            }
            byte[] group = Arrays.copyOfRange(raw, start, at + delimiter.length);
            cursor.seek(Keys.concat(bucketPrefix, Keys.pastPrefix(group)));
            if (marker == null || Arrays.compareUnsigned(group, marker) > 0) {
                commonPrefix = group;
                return true;
            }
        }
        return false;
    }
}
