package io.granary.metadata.store;

import io.granary.metadata.Cursor;
import io.granary.metadata.Keys;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Walks the keys of one bucket in S3 order, rolling up keys that contain the delimiter after the
 * prefix into common prefixes. After a common prefix it seeks to the first key past every key
 * with that prefix (seek-skip), so a page costs O(entries returned), not O(keys under them).
 * A common prefix not after {@code marker} is skipped: it was returned on an earlier page.
 */
final class GroupedScan<V> {

    private final Cursor<V> cursor;
    private final byte[] bucketPrefix;
    private final int prefixLength;
    private final byte[] delimiter;
    private final byte[] marker;
    private final ToIntFunction<byte[]> keyEnd;
    private boolean advancePending;
    private byte[] rawKey;
    private byte[] commonPrefix;

    /**
     * @param keyEnd where the object key ends inside a raw key of this table
     */
    GroupedScan(Cursor<V> cursor, byte[] bucketPrefix, byte[] prefix, String delimiter, byte[] marker,
                ToIntFunction<byte[]> keyEnd) {
        this.cursor = cursor;
        this.bucketPrefix = bucketPrefix;
        this.prefixLength = prefix.length;
        this.delimiter = delimiter == null ? null : Keys.utf8(delimiter);
        this.marker = marker;
        this.keyEnd = keyEnd;
    }

    /**
     * Hands up to {@code max} entries in order to the consumers.
     *
     * @return whether entries remain (the listing is truncated)
     */
    boolean visit(int max, Consumer<V> keys, Consumer<String> commonPrefixes) {
        for (int count = 0; next(); count++) {
            if (count == max) return true;
            if (rawKey != null) {
                keys.accept(cursor.value());
            } else {
                commonPrefixes.accept(Keys.utf8(commonPrefix, 0, commonPrefix.length));
            }
        }
        return false;
    }

    /** Moves to the next entry: a key ({@link #rawKey()}) or a common prefix ({@link #commonPrefix()}). */
    private boolean next() {
        if (advancePending) {
            cursor.next();
            advancePending = false;
        }
        while (cursor.valid()) {
            byte[] raw = cursor.key();
            int start = bucketPrefix.length;
            int end = keyEnd.applyAsInt(raw);
            int at = delimiter == null ? -1 : Keys.indexOf(raw, start + prefixLength, end, delimiter);
            if (at < 0) {
                rawKey = raw;
                commonPrefix = null;
                advancePending = true;
                return true;
            }
            byte[] group = Arrays.copyOfRange(raw, start, at + delimiter.length);
            cursor.seek(Keys.concat(bucketPrefix, Keys.pastPrefix(group)));
            if (marker == null || Arrays.compareUnsigned(group, marker) > 0) {
                rawKey = null;
                commonPrefix = group;
                return true;
            }
        }
        return false;
    }

}
