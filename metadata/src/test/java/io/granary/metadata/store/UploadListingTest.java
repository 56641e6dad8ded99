package io.granary.metadata.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.metadata.Fixtures;
import io.granary.metadata.MetadataStore;
import io.granary.metadata.model.UploadRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadListingTest {

    private static final List<String> KEYS = List.of("a", "a/", "a/b", "a/b/c", "ab", "a-b", "b/1", "b/2", "é/x",
            "😀", "Ａ", "c", "c/d/e", "z");

    @TempDir
    Path dir;
    private MetadataStore store;
    private final List<UploadRecord> uploads = new ArrayList<>();

    @BeforeEach
    void open() {
        store = Fixtures.open(dir);
        store.buckets().create("b", "alice", "us-east-1");
        for (String key : KEYS) {
            int copies = key.length() % 2 + 1;
            for (int i = 0; i < copies; i++) uploads.add(store.multipart().create("b", Fixtures.draft(key)));
        }
        uploads.sort(Comparator.comparing(UploadRecord::key, ListingModel.UTF8_ORDER)
                .thenComparing(UploadRecord::uploadId));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Model: uploads in key then id order, rolled up into common prefixes, as "key#id" or "prefix". */
    private List<String> model(String prefix, String delimiter) {
        List<String> out = new ArrayList<>();
        for (UploadRecord upload : uploads) {
            String key = upload.key();
            if (!key.startsWith(prefix)) continue;
            int at = delimiter == null ? -1 : key.indexOf(delimiter, prefix.length());
            String entry = at < 0 ? key + "#" + upload.uploadId() : key.substring(0, at + delimiter.length());
            if (out.isEmpty() || !out.get(out.size() - 1).equals(entry)) out.add(entry);
        }
        return out;
    }

    @Test
    void everyPageSizeConcatenatesToTheModelForEveryPrefixAndDelimiter() {
        for (String prefix : List.of("", "a", "a/", "b/", "x")) {
            for (String delimiter : Arrays.asList(null, "/", "b", "😀")) {
                List<String> expected = model(prefix, delimiter);
                for (int max = 1; max <= expected.size() + 1; max++) {
                    assertEquals(expected, pageThrough(prefix, delimiter, max),
                            "prefix=" + prefix + " delimiter=" + delimiter + " max=" + max);
                }
            }
        }
    }

    @Test
    void keyMarkerWithoutUploadIdMarkerSkipsEveryUploadOfThatKey() {
        UploadPage page = store.multipart().listUploads("b", new UploadQuery("", null, "a/b", null, 1000));
        assertTrue(page.uploads().stream().allMatch(u -> ListingModel.UTF8_ORDER.compare(u.key(), "a/b") > 0));
        assertEquals("a/b/c", page.uploads().get(0).key());
    }

    private List<String> pageThrough(String prefix, String delimiter, int max) {
        List<String> all = new ArrayList<>();
        String keyMarker = null;
        String idMarker = null;
        for (int pages = 0; pages < 100; pages++) {
            UploadPage page = store.multipart().listUploads("b",
                    new UploadQuery(prefix, delimiter, keyMarker, idMarker, max));
            assertTrue(page.uploads().size() + page.commonPrefixes().size() <= max);
            List<String> entries = new ArrayList<>();
            page.uploads().forEach(u -> entries.add(u.key() + "#" + u.uploadId()));
            entries.addAll(page.commonPrefixes());
            entries.sort(ListingModel.UTF8_ORDER);
            all.addAll(entries);
            if (!page.truncated()) return all;
            keyMarker = page.nextKeyMarker();
            idMarker = page.nextUploadIdMarker();
        }
        throw new AssertionError("listing did not end");
    }
}
