package io.granary.metadata.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.metadata.Fixtures;
import io.granary.metadata.MetadataStore;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.store.ListingModel.Entry;
import io.granary.metadata.store.MetadataException.Reason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectListingTest {

    private static final String[] PIECES = {"a", "b", "/", "é", "😀", "Ａ", "-", ".", "ab", "a/", "%", " ", "z"};
    private static final List<String> DELIMITERS = Arrays.asList(null, "/", "-", "ab", "é", "😀");
    private static final List<String> PREFIXES = List.of("", "a", "a/", "é", "ab", "q");

    @TempDir
    Path dir;
    private MetadataStore store;

    @BeforeEach
    void open() {
        store = Fixtures.open(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Set<String> load(String bucket, int count, int seed) {
        store.buckets().create(bucket, "alice", "us-east-1");
        Random random = new Random(seed);
        Set<String> keys = new TreeSet<>(List.of("a", "a/", "a/b", "ab", "a//", "é", "😀", "Ａ"));
        while (keys.size() < count) {
            StringBuilder key = new StringBuilder();
            int pieces = 1 + random.nextInt(6);
            for (int i = 0; i < pieces; i++) key.append(PIECES[random.nextInt(PIECES.length)]);
            keys.add(key.toString());
        }
        for (String key : keys) store.objects().put(bucket, Fixtures.object(key, "e"), PutCondition.none(), List.of());
        return keys;
    }

    @Test
    void everyPageSizeConcatenatesToTheModelListingForEveryPrefixAndDelimiter() {
        Set<String> keys = load("small", 40, 1);
        for (String prefix : PREFIXES) {
            for (String delimiter : DELIMITERS) {
                List<Entry> expected = ListingModel.entries(keys, prefix, delimiter, null);
                for (int maxKeys = 1; maxKeys <= expected.size() + 1; maxKeys++) {
                    String what = "prefix=" + prefix + " delimiter=" + delimiter + " max=" + maxKeys;
                    assertEquals(expected, pageThroughV2From("small", prefix, delimiter, null, maxKeys, keys.size()),
                            what);
                    assertEquals(expected, pageThroughV1(prefix, delimiter, maxKeys), what);
                }
            }
        }
    }

    @Test
    void largerRandomKeySetMatchesTheModelFromRandomMarkers() {
        Set<String> keys = load("large", 400, 2);
        List<String> sorted = new ArrayList<>(keys);
        Random random = new Random(3);
        for (int round = 0; round < 60; round++) {
            String prefix = PREFIXES.get(random.nextInt(PREFIXES.size()));
            String delimiter = DELIMITERS.get(random.nextInt(DELIMITERS.size()));
            String marker = switch (random.nextInt(3)) {
                case 0 -> null;
                case 1 -> sorted.get(random.nextInt(sorted.size()));
                default -> sorted.get(random.nextInt(sorted.size())) + "a/";
            };
            int maxKeys = 1 + random.nextInt(60);
            List<Entry> expected = ListingModel.entries(keys, prefix, delimiter, marker);
            ListPage page = store.objects().list("large", ListQuery.v1(prefix, delimiter, marker, maxKeys));
            String what = "prefix=" + prefix + " delimiter=" + delimiter + " marker=" + marker + " max=" + maxKeys;
            assertEquals(expected.subList(0, Math.min(maxKeys, expected.size())), entries(page), what);
            assertEquals(expected.size() > maxKeys, page.truncated(), what);
            List<Entry> rest = pageThroughV2From("large", prefix, delimiter, marker, 1 + random.nextInt(100),
                    keys.size());
            assertEquals(expected, rest, what);
        }
    }

    @Test
    void maxKeysZeroReturnsAnEmptyPageThatIsNotTruncated() {
        load("zero", 10, 4);
        ListPage page = store.objects().list("zero", ListQuery.v1("", "/", null, 0));
        assertTrue(page.objects().isEmpty() && page.commonPrefixes().isEmpty());
        assertFalse(page.truncated());
        assertNull(page.nextMarker());
        ListPage none = store.objects().list("zero", ListQuery.v1("nothing-here", null, null, 0));
        assertFalse(none.truncated());
    }

    @Test
    void maxKeysAboveOneThousandIsCappedAndNegativeIsRefused() {
        load("cap", 1005, 5);
        assertEquals(1000, store.objects().list("cap", ListQuery.v1("", null, null, 5000)).objects().size());
        MetadataException e = assertThrows(MetadataException.class, () -> ListQuery.v1("", null, null, -1));
        assertEquals(Reason.INVALID_ARGUMENT, e.reason());
    }

    @Test
    void recreatedBucketDoesNotSeeTheKeysOfTheDeletedOne() {
        store.buckets().create("again", "alice", "us-east-1");
        store.objects().put("again", Fixtures.object("old", "e"), PutCondition.none(), List.of());
        store.objects().delete("again", "old");
        store.buckets().delete("again");
        store.buckets().create("again", "alice", "us-east-1");
        ListPage page = store.objects().list("again", ListQuery.v1("", null, null, 10));
        assertTrue(page.objects().isEmpty());
        assertNull(page.nextMarker());
    }

    @Test
    void foreignContinuationTokenIsRefused() {
        MetadataException e = assertThrows(MetadataException.class,
                () -> ListQuery.v2("", null, null, "not-a-token!", 10));
        assertEquals(Reason.INVALID_ARGUMENT, e.reason());
    }

    private List<Entry> pageThroughV2From(String bucket, String prefix, String delimiter, String startAfter,
                                          int maxKeys, int keyCount) {
        List<Entry> all = new ArrayList<>();
        String token = null;
        for (int pages = 0; pages <= keyCount + 1; pages++) {
            ListPage page = store.objects().list(bucket, ListQuery.v2(prefix, delimiter, startAfter, token, maxKeys));
            assertTrue(page.objects().size() + page.commonPrefixes().size() <= maxKeys);
            all.addAll(entries(page));
            if (!page.truncated()) {
                assertNull(page.nextContinuationToken());
                return all;
            }
            token = page.nextContinuationToken();
        }
        throw new AssertionError("listing did not end");
    }

    private List<Entry> pageThroughV1(String prefix, String delimiter, int maxKeys) {
        List<Entry> all = new ArrayList<>();
        String marker = null;
        for (int pages = 0; pages < 100; pages++) {
            ListPage page = store.objects().list("small", ListQuery.v1(prefix, delimiter, marker, maxKeys));
            List<Entry> entries = entries(page);
            all.addAll(entries);
            if (!page.truncated()) return all;
            assertEquals(entries.get(entries.size() - 1).name(), page.nextMarker());
            marker = page.nextMarker();
        }
        throw new AssertionError("listing did not end");
    }

    private static List<Entry> entries(ListPage page) {
        return ListingModel.merge(page.objects().stream().map(ObjectRecord::key).toList(), page.commonPrefixes());
    }
}
