package io.granary.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.metadata.model.Acl;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.PartLayout;
import io.granary.metadata.store.ListQuery;
import io.granary.metadata.store.ObjectEntry;
import io.granary.metadata.store.PutCondition;
import io.granary.metadata.store.ScanPage;
import io.granary.metadata.store.VersionPage;
import io.granary.metadata.store.VersionQuery;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A metadata directory written by the release before versioning (database format 1, bucket records v3) opens
 * and reads unchanged. The fixture under {@code upgrade/format1} is a RocksDB checkpoint made by main's own
 * metadata module (commit fec3bef) running {@code MakeFormat1.java.txt} next to it: real bytes of the old code,
 * not records re-encoded by this code, so a change to the codecs or key layout that breaks old data fails here.
 */
class FormatOneUpgradeTest {

    private static final String UPLOAD_ID = "01a23b0ad783529e21a0f619406049ff";

    @TempDir
    Path dir;

    @BeforeEach
    void copyFixture() throws IOException, URISyntaxException {
        Path fixture = Path.of(getClass().getResource("/upgrade/format1/CURRENT").toURI()).getParent();
        try (Stream<Path> files = Files.list(fixture)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().endsWith(".txt")).toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
    }

    @Test
    void bucketsAndObjectsOfFormatOneReadAsTheyWereWritten() {
        try (MetadataStore store = Fixtures.open(dir)) {
            BucketRecord photos = store.buckets().get("photos");
            assertEquals("123456789012", photos.ownerAccountId());
            assertEquals("{\"Version\":\"2012-10-17\",\"Statement\":[]}", photos.policy());
            assertEquals(Map.of("team", "blue"), photos.tags());
            assertNull(photos.versioning(), "a bucket from before versioning was never versioned");
            assertEquals("eu-west-1", store.buckets().get("docs").region());

            ObjectRecord a = store.objects().get("photos", "a.txt");
            assertEquals(ObjectRecord.NULL_VERSION, a.versionId());
            assertEquals("\"e-a\"", a.etag());
            assertEquals("no-cache", a.headers().cacheControl());
            assertEquals(Map.of("color", "blue"), a.userMetadata());
            assertEquals(Map.of("t", "1"), a.tags());
            assertEquals(List.of("ss-a"), a.layout().parts().stream().map(PartLayout::shardSetId).toList());
            Acl acl = store.objects().get("photos", "dir/ünïcode 😀.txt").acl();
            assertEquals("canon-alice", acl.ownerCanonicalId());
            assertEquals(List.of("ss-big-1", "ss-big-2"), store.objects().get("photos", "big").layout().parts()
                    .stream().map(PartLayout::shardSetId).toList());
            assertEquals((5L << 20) + 1, store.objects().get("photos", "big").size());
            assertEquals("\"e-r1\"", store.objects().get("docs", "report").etag());
            assertEquals(List.of("a.txt", "big", "dir/ünïcode 😀.txt"), store.objects().list("photos",
                    ListQuery.v1("", null, null, 1000)).objects().stream().map(ObjectRecord::key).toList());
        }
    }

    @Test
    void uploadsQueuesAndOpaqueRecordsOfFormatOneReadAsTheyWereWritten() {
        try (MetadataStore store = Fixtures.open(dir)) {
            assertEquals("upload-me", store.multipart().getUpload("docs", "upload-me", UPLOAD_ID).key());
            assertEquals(List.of("ss-up-1"), store.multipart().listParts("docs", "upload-me", UPLOAD_ID, 0, 10)
                    .parts().stream().map(p -> p.layout().shardSetId()).toList());
            assertEquals(1, store.healQueue().length());
            assertEquals("ss-a", store.healQueue().peek(0, 1).get(0).task().shardSetId());
            assertEquals(1, store.garbageQueue().length());
            assertEquals("ss-r0", store.garbageQueue().peek(0, 1).get(0).task().shardSetId());
            // The opaque records were bare JSON; opening frames them behind version byte 1 (database format 3).
            assertEquals("\u0001{\"v\":1}", new String(store.iam().get("user/alice").orElseThrow(),
                    StandardCharsets.UTF_8));
            assertEquals("\u0001{\"nodes\":6}", new String(store.cluster().get("membership").orElseThrow(),
                    StandardCharsets.UTF_8));
            assertTrue(store.objects().shardOwner("ss-big-2").isPresent());
        }
    }

    @Test
    void anUpgradedDirectoryListsEveryOldObjectAsItsNullVersionAndKeepsItWhenVersioned() {
        try (MetadataStore store = Fixtures.open(dir)) {
            VersionPage page = store.objects().listVersions("photos", new VersionQuery("", null, null, null, 1000));
            assertEquals(3, page.versions().size());
            assertTrue(page.versions().stream().allMatch(v -> v.latest()
                    && v.version().versionId().equals(ObjectRecord.NULL_VERSION)));
            store.buckets().update("photos", b -> b.withVersioning(BucketRecord.VERSIONING_ENABLED));
            ObjectRecord newer = store.objects().put("photos", Fixtures.object("a.txt", "\"e-a2\""),
                    PutCondition.none(), List.of());
            assertFalse(newer.versionId().equals(ObjectRecord.NULL_VERSION));
            assertEquals("\"e-a\"", store.objects().getVersion("photos", "a.txt", ObjectRecord.NULL_VERSION).etag());
            assertEquals(1, store.garbageQueue().length(), "the old version was kept, not collected");
        }
        // Reopening reads the upgraded directory (now format 2) with the version it gained.
        try (MetadataStore store = Fixtures.open(dir)) {
            assertEquals("\"e-a\"", store.objects().getVersion("photos", "a.txt", ObjectRecord.NULL_VERSION).etag());
            List<String> scanned = new ArrayList<>();
            String cursor = null;
            do {
                ScanPage<ObjectEntry> page = store.objects().scan(cursor, 2);
                page.items().forEach(e -> scanned.add(e.bucket() + "/" + e.object().key() + "@"
                        + e.object().etag()));
                cursor = page.nextCursor();
            } while (cursor != null);
            assertEquals(5, scanned.size(), "four current objects and a.txt's old null version: " + scanned);
            assertTrue(scanned.contains("photos/a.txt@\"e-a\""), scanned::toString);
        }
    }
}
