package io.granary.metadata.store;

import io.granary.metadata.Batch;
import io.granary.metadata.Cursor;
import io.granary.metadata.Database;
import io.granary.metadata.Keys;
import io.granary.metadata.Schema;
import io.granary.metadata.Table;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Opaque records of the IAM module (users, access keys, policies) by name. The api-node's
 * identity store implements iam's interface over this; the record format and its version are
 * the iam module's business. Each put and delete is one synced batch.
 */
public final class IamStore {

    private final Database database;
    private final Table<byte[]> iam;

    /** Built by {@code MetadataStore}. */
    public IamStore(Database database) {
        this.database = database;
        this.iam = database.table(Schema.IAM);
    }

    public Optional<byte[]> get(String name) {
        return Optional.ofNullable(iam.get(Keys.utf8(name)));
    }

    public void put(String name, byte[] value) {
        try (Batch batch = new Batch()) {
            iam.put(batch, Keys.utf8(name), value);
            database.commit(batch);
        }
    }

    public void delete(String name) {
        try (Batch batch = new Batch()) {
            iam.delete(batch, Keys.utf8(name));
            database.commit(batch);
        }
    }

    /** Every record whose name starts with {@code prefix}, by name. */
    public SortedMap<String, byte[]> list(String prefix) {
        byte[] lower = Keys.utf8(prefix);
        SortedMap<String, byte[]> found = new TreeMap<>();
        try (Cursor<byte[]> cursor = iam.scan(lower, Keys.pastPrefix(lower))) {
            for (; cursor.valid(); cursor.next()) {
                byte[] key = cursor.key();
                found.put(Keys.utf8(key, 0, key.length), cursor.value());
            }
        }
        return Collections.unmodifiableSortedMap(found);
    }
}
