package io.granary.metadata.store;

import io.granary.metadata.Batch;
import io.granary.metadata.Cursor;
import io.granary.metadata.Database;
import io.granary.metadata.Keys;
import io.granary.metadata.Schema;
import io.granary.metadata.Table;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Opaque records by name in one column family, whose format and version are their owner's business:
 * the IAM module's records ({@link Schema#IAM}), and the API node's cluster state
 * such as data-node membership and a running heal's checkpoint ({@link Schema#CLUSTER}). Each put
 * and delete is one synced batch.
 */
public final class NamedRecordStore {

    private final Database database;
    private final Table<byte[]> records;

    /** Built by {@code MetadataStore}. */
    public NamedRecordStore(Database database, Schema.Family<byte[]> family) {
        this.database = database;
        this.records = database.table(family);
    }

    public Optional<byte[]> get(String name) {
        return Optional.ofNullable(records.get(Keys.utf8(name)));
    }

    public void put(String name, byte[] value) {
        try (Batch batch = new Batch()) {
            records.put(batch, Keys.utf8(name), value);
            database.commit(batch);
        }
    }

    public void delete(String name) {
        try (Batch batch = new Batch()) {
            records.delete(batch, Keys.utf8(name));
            database.commit(batch);
        }
    }

    /** Puts and deletes records in one synced batch: all of them or none. */
    public void write(Map<String, byte[]> puts, Collection<String> deletes) {
        try (Batch batch = new Batch()) {
            for (Map.Entry<String, byte[]> put : puts.entrySet()) {
                records.put(batch, Keys.utf8(put.getKey()), put.getValue());
            }
            for (String name : deletes) {
                records.delete(batch, Keys.utf8(name));
            }
            database.commit(batch);
        }
    }

    /** Every record whose name starts with {@code prefix}, by name. */
    public SortedMap<String, byte[]> list(String prefix) {
        byte[] lower = Keys.utf8(prefix);
        SortedMap<String, byte[]> found = new TreeMap<>();
        try (Cursor<byte[]> cursor = records.scan(lower, Keys.pastPrefix(lower))) {
            for (; cursor.valid(); cursor.next()) {
                byte[] key = cursor.key();
                found.put(Keys.utf8(key, 0, key.length), cursor.value());
            }
        }
        return Collections.unmodifiableSortedMap(found);
    }
}
