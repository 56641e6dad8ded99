package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.it.S3Clients.ChecksumSetting;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * ListObjects v1 and v2 and ListObjectVersions through the AWS SDK v2: prefix, delimiter, paging by
 * marker and continuation token, start-after, URL encoding (decoded by the SDK) and fetch-owner, over
 * one bucket of keys whose listing order is the UTF-8 byte order.
 */
@Timeout(120)
@ParameterizedClass
@EnumSource(ChecksumSetting.class)
class SdkV2ListIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    /** In S3 listing order (UTF-8 bytes: 'é' sorts after 'z'). */
    private static final List<String> KEYS = List.of("a/1", "a/2", "a/b/3", "b/1", "c", "d e/f", "x+y", "z%1",
            "é/1");
    private static final List<String> TOP_LEVEL = List.of("a/", "b/", "c", "d e/", "x+y", "z%1", "é/");

    private static String bucket;

    @Parameter
    ChecksumSetting setting;

    @BeforeAll
    static void fillBucket() {
        bucket = GranaryServerExtension.newBucket();
        try (S3Client s3 = S3Clients.sync(SERVER.endpoint(), ChecksumSetting.SDK_DEFAULT)) {
            s3.createBucket(b -> b.bucket(bucket));
            for (String key : KEYS) {
                s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
            }
        }
    }

    @AfterAll
    static void forgetBucket() {
        bucket = null;
    }

    private S3Client client() {
        return S3Clients.sync(SERVER.endpoint(), setting);
    }

    @Test
    void listV2PagesWithContinuationTokensInKeyOrder() {
        try (S3Client s3 = client()) {
            List<String> keys = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                String current = token;
                ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(2)
                        .continuationToken(current));
                assertTrue(page.keyCount() <= 2);
                assertEquals(page.keyCount(), page.contents().size());
                page.contents().forEach(o -> keys.add(o.key()));
                token = page.isTruncated() ? page.nextContinuationToken() : null;
                pages++;
            } while (token != null);
            assertEquals(KEYS, keys);
            assertEquals(5, pages);
            List<String> viaPaginator = s3.listObjectsV2Paginator(b -> b.bucket(bucket).maxKeys(4)).contents()
                    .stream().map(S3Object::key).toList();
            assertEquals(KEYS, viaPaginator);
        }
    }

    @Test
    void listV2GroupsByDelimiterAndCountsPrefixesTowardsMaxKeys() {
        try (S3Client s3 = client()) {
            ListObjectsV2Response all = s3.listObjectsV2(b -> b.bucket(bucket).delimiter("/"));
            assertEquals(List.of("c", "x+y", "z%1"), keys(all.contents()));
            assertEquals(List.of("a/", "b/", "d e/", "é/"), prefixes(all.commonPrefixes()));
            List<String> entries = new ArrayList<>();
            String token = null;
            do {
                String current = token;
                ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).delimiter("/").maxKeys(2)
                        .continuationToken(current));
                assertTrue(page.contents().size() + page.commonPrefixes().size() <= 2);
                entries.addAll(keys(page.contents()));
                entries.addAll(prefixes(page.commonPrefixes()));
                token = page.isTruncated() ? page.nextContinuationToken() : null;
            } while (token != null);
            assertEquals(TOP_LEVEL, entries.stream().sorted(SdkV2ListIT::utf8Order).toList());
            ListObjectsV2Response underA = s3.listObjectsV2(b -> b.bucket(bucket).prefix("a/").delimiter("/"));
            assertEquals(List.of("a/1", "a/2"), keys(underA.contents()));
            assertEquals(List.of("a/b/"), prefixes(underA.commonPrefixes()));
            assertEquals("a/", underA.prefix());
            assertEquals(0, s3.listObjectsV2(b -> b.bucket(bucket).prefix("nothing/")).keyCount());
        }
    }

    @Test
    void listV2StartsAfterAKeyEncodesUrlsAndFetchesOwners() {
        try (S3Client s3 = client()) {
            assertEquals(List.of("c", "d e/f", "x+y", "z%1", "é/1"),
                    keys(s3.listObjectsV2(b -> b.bucket(bucket).startAfter("b/1")).contents()));
            ListObjectsV2Response encoded = s3.listObjectsV2(b -> b.bucket(bucket).encodingType(EncodingType.URL)
                    .delimiter("/"));
            assertEquals(EncodingType.URL, encoded.encodingType());
            assertEquals(List.of("c", "x+y", "z%1"), keys(encoded.contents()));
            assertEquals(List.of("a/", "b/", "d e/", "é/"), prefixes(encoded.commonPrefixes()));
            assertEquals("/", encoded.delimiter());
            ListObjectsV2Response plain = s3.listObjectsV2(b -> b.bucket(bucket).prefix("c"));
            assertNull(plain.contents().get(0).owner(), "no owner unless fetch-owner");
            ListObjectsV2Response owned = s3.listObjectsV2(b -> b.bucket(bucket).prefix("c").fetchOwner(true));
            assertNotNull(owned.contents().get(0).owner().id());
            S3Object c = owned.contents().get(0);
            assertEquals(1, c.size());
            assertEquals("\"" + TestData.md5Hex("c".getBytes()) + "\"", c.eTag());
            assertNotNull(c.lastModified());
        }
    }

    @Test
    void listV1PagesWithMarkersAndNextMarkerWithDelimiter() {
        try (S3Client s3 = client()) {
            List<String> keys = new ArrayList<>();
            String marker = null;
            do {
                String current = marker;
                ListObjectsResponse page = s3.listObjects(b -> b.bucket(bucket).maxKeys(3).marker(current));
                keys.addAll(keys(page.contents()));
                marker = page.isTruncated() ? page.contents().get(page.contents().size() - 1).key() : null;
            } while (marker != null);
            assertEquals(KEYS, keys);
            ListObjectsResponse first = s3.listObjects(b -> b.bucket(bucket).delimiter("/").maxKeys(3));
            assertTrue(first.isTruncated());
            assertEquals(List.of("c"), keys(first.contents()));
            assertEquals(List.of("a/", "b/"), prefixes(first.commonPrefixes()));
            assertEquals("c", first.nextMarker());
            ListObjectsResponse rest = s3.listObjects(b -> b.bucket(bucket).delimiter("/").marker(first.nextMarker()));
            assertFalse(rest.isTruncated());
            assertEquals(List.of("x+y", "z%1"), keys(rest.contents()));
            assertEquals(List.of("d e/", "é/"), prefixes(rest.commonPrefixes()));
            ListObjectsResponse encoded = s3.listObjects(b -> b.bucket(bucket).prefix("d e/")
                    .encodingType(EncodingType.URL));
            assertEquals(List.of("d e/f"), keys(encoded.contents()));
        }
    }

    @Test
    void listObjectVersionsShowsOneNullVersionPerKey() {
        try (S3Client s3 = client()) {
            ListObjectVersionsResponse all = s3.listObjectVersions(b -> b.bucket(bucket));
            assertEquals(KEYS, all.versions().stream().map(ObjectVersion::key).toList());
            for (ObjectVersion version : all.versions()) {
                assertEquals("null", version.versionId());
                assertTrue(version.isLatest());
                assertEquals(version.key().getBytes(java.nio.charset.StandardCharsets.UTF_8).length, version.size(),
                        version.key());
            }
            assertTrue(all.deleteMarkers().isEmpty());
            ListObjectVersionsResponse page = s3.listObjectVersions(b -> b.bucket(bucket).maxKeys(4));
            assertTrue(page.isTruncated());
            assertEquals(KEYS.subList(0, 4), page.versions().stream().map(ObjectVersion::key).toList());
            ListObjectVersionsResponse next = s3.listObjectVersions(b -> b.bucket(bucket)
                    .keyMarker(page.nextKeyMarker()).versionIdMarker(page.nextVersionIdMarker()));
            assertEquals(KEYS.subList(4, KEYS.size()), next.versions().stream().map(ObjectVersion::key).toList());
            ListObjectVersionsResponse grouped = s3.listObjectVersions(b -> b.bucket(bucket).prefix("a/")
                    .delimiter("/"));
            assertEquals(List.of("a/1", "a/2"), grouped.versions().stream().map(ObjectVersion::key).toList());
            assertEquals(List.of("a/b/"), prefixes(grouped.commonPrefixes()));
        }
    }

    private static List<String> keys(List<S3Object> objects) {
        return objects.stream().map(S3Object::key).toList();
    }

    private static List<String> prefixes(List<CommonPrefix> prefixes) {
        return prefixes.stream().map(CommonPrefix::prefix).toList();
    }

    private static int utf8Order(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
