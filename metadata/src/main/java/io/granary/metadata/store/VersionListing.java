package io.granary.metadata.store;

import io.granary.metadata.Cursor;
import io.granary.metadata.Keys;
import io.granary.metadata.Schema;
import io.granary.metadata.Table;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.VersionRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One page of ListObjectVersions, merging two ordered families: a key's current version (objects) comes before
 * its older versions and delete markers (versions, newest first), so walking both cursors by key gives S3's
 * order with no per-key lookups. Keys containing the delimiter after the prefix roll up into one common prefix,
 * and both cursors seek past the group, as {@link GroupedScan} does.
 */
final class VersionListing {

    private final Table<ObjectRecord> objects;
    private final Table<VersionRecord> versions;
    private final VersionChain chain;
    private final VersionQuery query;
    private final byte[] bucketPrefix;
    private final byte[] prefix;
    private final byte[] delimiter;
    private final byte[] keyMarker;
    private final List<VersionPage.Entry> found = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();
    private String lastKey;
    private String lastVersionId;

    VersionListing(Table<ObjectRecord> objects, Table<VersionRecord> versions, VersionChain chain, long bucketId,
                   VersionQuery query) {
        this.objects = objects;
        this.versions = versions;
        this.chain = chain;
        this.query = query;
        this.bucketPrefix = Schema.bucketPrefix(bucketId);
        this.prefix = Keys.utf8(query.prefix());
        this.delimiter = query.delimiter() == null ? null : Keys.utf8(query.delimiter());
        this.keyMarker = query.keyMarker() == null ? null : Keys.utf8(query.keyMarker());
    }

    VersionPage page() {
        byte[] lower = Keys.concat(bucketPrefix, prefix);
        byte[] upper = Keys.concat(bucketPrefix, Keys.pastPrefix(prefix));
        byte[] objectsFrom = keyMarker == null ? lower : Keys.max(lower, Keys.after(Keys.concat(bucketPrefix,
                keyMarker)));
        byte[] versionsFrom = keyMarker == null ? lower : Keys.max(lower, versionsStart());
        boolean truncated;
        try (Cursor<ObjectRecord> current = objects.scan(objectsFrom, upper);
             Cursor<VersionRecord> older = versions.scan(versionsFrom, upper)) {
            truncated = walk(current, older);
        }
        if (!truncated) return new VersionPage(found, prefixes, false, null, null);
        return new VersionPage(found, prefixes, true, lastKey, lastVersionId);
    }

    /** Where the versions cursor starts for the marker: after its version-id marker, or past the whole key. */
    private byte[] versionsStart() {
        long bucketId = Schema.bucketIdOf(bucketPrefix);
        byte[] keyPrefix = Schema.versionPrefix(bucketId, keyMarker);
        String versionIdMarker = query.versionIdMarker();
        if (versionIdMarker == null) return Keys.pastPrefix(keyPrefix);
        VersionChain.Entry entry = chain.find(bucketId, keyMarker, versionIdMarker);
        if (entry != null) return Keys.after(entry.rawKey());
        // The marker is the key's current version (or gone): its older versions follow.
        long stamp = VersionIds.stamp(versionIdMarker);
        ObjectRecord current = objects.get(Keys.concat(bucketPrefix, keyMarker));
        if (stamp < 0 || current != null && current.versionId().equals(versionIdMarker)) return keyPrefix;
        return Keys.after(Schema.versionKey(bucketId, keyMarker, stamp));
    }

    /** Emits entries until the page is full; returns whether more remain. */
    private boolean walk(Cursor<ObjectRecord> current, Cursor<VersionRecord> older) {
        int count = 0;
        while (true) {
            byte[] currentKey = current.valid() ? name(current.key(), current.key().length) : null;
            byte[] olderKey = older.valid() ? name(older.key(), Schema.versionKeyEnd(older.key())) : null;
            byte[] key = currentKey == null ? olderKey : olderKey == null ? currentKey
                    : Arrays.compareUnsigned(currentKey, olderKey) <= 0 ? currentKey : olderKey;
            if (key == null) return false;
            int at = delimiter == null ? -1 : Keys.indexOf(key, prefix.length, key.length, delimiter);
            if (at >= 0) {
                byte[] group = Arrays.copyOf(key, at + delimiter.length);
                if (keyMarker == null || Arrays.compareUnsigned(group, keyMarker) > 0) {
                    if (count++ == query.maxKeys()) return true;
                    lastKey = Keys.utf8(group, 0, group.length);
                    lastVersionId = null;
                    prefixes.add(lastKey);
                }
                byte[] past = Keys.concat(bucketPrefix, Keys.pastPrefix(group));
                current.seek(past);
                older.seek(past);
                continue;
            }
            // The marker's own key resumes mid-way: its latest version was on an earlier page.
            boolean latest = keyMarker == null || !Arrays.equals(key, keyMarker);
            if (currentKey != null && Arrays.equals(currentKey, key)) {
                if (count++ == query.maxKeys()) return true;
                add(VersionRecord.of(current.value()), true);
                current.next();
                latest = false;
            }
            while (older.valid() && Arrays.equals(name(older.key(), Schema.versionKeyEnd(older.key())), key)) {
                if (count++ == query.maxKeys()) return true;
                add(older.value(), latest);
                older.next();
                latest = false;
            }
        }
    }

    private void add(VersionRecord version, boolean latest) {
        found.add(new VersionPage.Entry(version, latest));
        lastKey = version.key();
        lastVersionId = version.versionId();
    }

    private byte[] name(byte[] raw, int end) {
        return Arrays.copyOfRange(raw, bucketPrefix.length, end);
    }
}
