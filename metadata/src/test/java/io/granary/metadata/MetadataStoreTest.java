package io.granary.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.store.MetadataException;
import io.granary.metadata.store.MetadataException.Reason;
import io.granary.metadata.store.PutCondition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class MetadataStoreTest {

    @TempDir
    Path dir;

    @Test
    void secondOpenOfTheSameDirectoryFailsWithStoreInUse() {
        try (MetadataStore first = Fixtures.open(dir)) {
            MetadataException e = assertThrows(MetadataException.class, () -> Fixtures.open(dir));
            assertEquals(Reason.STORE_IN_USE, e.reason());
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            first.buckets().create("still-usable", "alice", "us-east-1");
        }
        try (MetadataStore again = Fixtures.open(dir)) {
            assertEquals("still-usable", again.buckets().get("still-usable").name());
        }
    }

    @Test
    void corruptValueBytesFailWithAnExceptionNamingTheKey() throws Exception {
        try (MetadataStore store = Fixtures.open(dir)) {
            store.buckets().create("b", "alice", "us-east-1");
            store.objects().put("b", Fixtures.object("photos/cat.jpg", "e1"), PutCondition.none(), List.of());
        }
        rawPut("objects", objectKey(1, "photos/cat.jpg"), new byte[] {1, '{', 'x'});
        try (MetadataStore store = Fixtures.open(dir)) {
            MetadataException e = assertThrows(MetadataException.class,
                    () -> store.objects().get("b", "photos/cat.jpg"));
            assertEquals(Reason.CORRUPT_RECORD, e.reason());
            assertTrue(e.getMessage().contains("objects") && e.getMessage().contains("photos/cat.jpg"),
                    e.getMessage());
        }
    }

    @Test
    void valueWithUnknownFormatVersionIsRefusedNotMisread() throws Exception {
        try (MetadataStore store = Fixtures.open(dir)) {
            store.buckets().create("b", "alice", "us-east-1");
            store.objects().put("b", Fixtures.object("k", "e1"), PutCondition.none(), List.of());
        }
        byte[] raw = rawGet("objects", objectKey(1, "k"));
        raw[0] = 9;
        rawPut("objects", objectKey(1, "k"), raw);
        try (MetadataStore store = Fixtures.open(dir)) {
            MetadataException e = assertThrows(MetadataException.class, () -> store.objects().get("b", "k"));
            assertEquals(Reason.UNSUPPORTED_FORMAT, e.reason());
            assertTrue(e.getMessage().contains("format version 9"), e.getMessage());
        }
    }

    @Test
    void databaseWithANewerFormatVersionIsRefusedAtOpen() throws Exception {
        Fixtures.open(dir).close();
        rawPut("system", Keys.utf8(Schema.FORMAT_VERSION_KEY), Keys.longKey(Schema.DB_FORMAT_VERSION + 1));
        MetadataException e = assertThrows(MetadataException.class, () -> Fixtures.open(dir));
        assertEquals(Reason.UNSUPPORTED_FORMAT, e.reason());
    }

    @Test
    void databaseWithAColumnFamilyUnknownToThisVersionIsRefusedAtOpen() throws Exception {
        Fixtures.open(dir).close();
        withRaw("system", (db, handle) -> {
            try (ColumnFamilyHandle added = db.createColumnFamily(new ColumnFamilyDescriptor(
                    "versions_v9".getBytes(StandardCharsets.UTF_8)))) {
                assertTrue(added.getName().length > 0);
            }
        });
        MetadataException e = assertThrows(MetadataException.class, () -> Fixtures.open(dir));
        assertEquals(Reason.UNSUPPORTED_FORMAT, e.reason());
        assertTrue(e.getMessage().contains("versions_v9"), e.getMessage());
    }

    @Test
    void callsAfterCloseAreRefusedInsteadOfReachingFreedMemory() {
        MetadataStore store = Fixtures.open(dir);
        store.buckets().create("b", "alice", "us-east-1");
        store.close();
        store.close();
        MetadataException e = assertThrows(MetadataException.class, () -> store.objects().find("b", "k"));
        assertEquals(Reason.STORAGE_ERROR, e.reason());
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void checkpointIsAnOpenableCopyOfTheDatabase() {
        Path copy = dir.resolve("backup");
        ObjectRecord record = Fixtures.object("a/b", "e1");
        try (MetadataStore store = Fixtures.open(dir.resolve("db"))) {
            store.buckets().create("b", "alice", "us-east-1");
            store.objects().put("b", record, PutCondition.none(), List.of());
            store.checkpoint(copy);
            store.objects().delete("b", "a/b");
        }
        try (MetadataStore restored = Fixtures.open(copy)) {
            assertEquals(record, restored.objects().get("b", "a/b"));
        }
    }

    private static byte[] objectKey(long bucketId, String key) {
        return Schema.objectKey(bucketId, key.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bareJsonInTheIamAndClusterFamiliesOfAFormatTwoDatabaseIsFramedOnOpen() throws Exception {
        MetadataStore.open(dir, MetadataOptions.defaults()).close();
        byte[] user = Keys.utf8("{\"formatVersion\":2,\"userId\":\"GU1\"}");
        byte[] membership = Keys.utf8("{\"nodes\":[\"http://127.0.0.1:9101\"]}");
        byte[] framed = Keys.concat(new byte[] {1}, Keys.utf8("{\"already\":true}"));
        rawPut("iam", Keys.utf8("user/GU1"), user);
        rawPut("cluster", Keys.utf8("membership"), membership);
        rawPut("cluster", Keys.utf8("heal-pass"), framed);
        rawPut("system", Keys.utf8(Schema.FORMAT_VERSION_KEY), Keys.longKey(2));

        MetadataStore.open(dir, MetadataOptions.defaults()).close();

        assertArrayEquals(Keys.concat(new byte[] {2}, user), rawGet("iam", Keys.utf8("user/GU1")),
                "an IAM record keeps its bytes behind its own formatVersion");
        assertArrayEquals(Keys.concat(new byte[] {1}, membership), rawGet("cluster", Keys.utf8("membership")));
        assertArrayEquals(framed, rawGet("cluster", Keys.utf8("heal-pass")), "a framed value is left alone");
        assertEquals(Schema.DB_FORMAT_VERSION, Keys.readLong(rawGet("system", Keys.utf8(Schema.FORMAT_VERSION_KEY)),
                0));
        try (MetadataStore store = MetadataStore.open(dir, MetadataOptions.defaults())) {
            assertThrows(IllegalArgumentException.class, () -> store.cluster().put("bare", membership),
                    "an owner cannot write an unversioned value");
        }
    }

    private void rawPut(String family, byte[] key, byte[] value) throws Exception {
        withRaw(family, (db, handle) -> db.put(handle, key, value));
    }

    private byte[] rawGet(String family, byte[] key) throws Exception {
        byte[][] out = new byte[1][];
        withRaw(family, (db, handle) -> out[0] = db.get(handle, key));
        return out[0];
    }

    private interface RawAction {
        void run(RocksDB db, ColumnFamilyHandle handle) throws Exception;
    }

    /** Opens the directory with plain RocksDB, as a tool or a bug elsewhere could, and acts on one family. */
    private void withRaw(String family, RawAction action) throws Exception {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        try (Options options = new Options()) {
            for (byte[] name : RocksDB.listColumnFamilies(options, dir.toString())) {
                descriptors.add(new ColumnFamilyDescriptor(name));
            }
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        boolean found = false;
        try (DBOptions options = new DBOptions(); RocksDB db = RocksDB.open(options, dir.toString(), descriptors,
                handles)) {
            for (int i = 0; i < descriptors.size(); i++) {
                if (new String(descriptors.get(i).getName(), StandardCharsets.UTF_8).equals(family)) {
                    action.run(db, handles.get(i));
                    found = true;
                }
            }
            handles.forEach(ColumnFamilyHandle::close);
        }
        assertTrue(found, "no column family " + family);
    }
}
