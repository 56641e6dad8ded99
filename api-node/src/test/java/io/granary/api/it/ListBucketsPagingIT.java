package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.it.S3Clients.ChecksumSetting;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;

/**
 * ListBuckets paging and filters as S3 has them since 2024 ({@code max-buckets}, {@code continuation-token},
 * {@code prefix}, {@code bucket-region}), through the SDK v2 and its paginator, and raw HTTP for the errors.
 */
@Timeout(60)
class ListBucketsPagingIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final String PREFIX = "paging-";
    private static S3Client s3;
    private static final List<String> NAMES = new ArrayList<>();

    @BeforeAll
    static void createBuckets() {
        s3 = S3Clients.sync(SERVER.endpoint(), ChecksumSetting.WHEN_REQUIRED);
        for (int i = 0; i < 5; i++) {
            String name = PREFIX + i;
            s3.createBucket(b -> b.bucket(name));
            NAMES.add(name);
        }
        s3.createBucket(b -> b.bucket("other-paging"));
    }

    @Test
    void maxBucketsPagesWithContinuationTokensInNameOrder() {
        ListBucketsResponse first = s3.listBuckets(b -> b.maxBuckets(2).prefix(PREFIX));
        assertEquals(List.of(PREFIX + 0, PREFIX + 1), names(first.buckets()));
        assertEquals(PREFIX, first.prefix());
        assertTrue(first.continuationToken() != null && !first.continuationToken().isEmpty());
        ListBucketsResponse second = s3.listBuckets(b -> b.maxBuckets(2).prefix(PREFIX)
                .continuationToken(first.continuationToken()));
        assertEquals(List.of(PREFIX + 2, PREFIX + 3), names(second.buckets()));
        ListBucketsResponse last = s3.listBuckets(b -> b.maxBuckets(2).prefix(PREFIX)
                .continuationToken(second.continuationToken()));
        assertEquals(List.of(PREFIX + 4), names(last.buckets()));
        assertNull(last.continuationToken());

        List<String> paged = new ArrayList<>();
        s3.listBucketsPaginator(b -> b.maxBuckets(3).prefix(PREFIX))
                .forEach(page -> paged.addAll(names(page.buckets())));
        assertEquals(NAMES, paged);
    }

    @Test
    void prefixAndRegionFilterAndEachBucketNamesItsRegion() {
        ListBucketsResponse all = s3.listBuckets(b -> b.prefix(PREFIX).bucketRegion(GranaryServerExtension.REGION));
        assertEquals(NAMES, names(all.buckets()));
        all.buckets().forEach(bucket -> assertEquals(GranaryServerExtension.REGION, bucket.bucketRegion()));
        assertNull(all.continuationToken());
        assertEquals(List.of(), names(s3.listBuckets(b -> b.prefix(PREFIX).bucketRegion("eu-west-3")).buckets()));
        assertTrue(names(s3.listBuckets().buckets()).containsAll(NAMES));
    }

    @Test
    void badParametersAreInvalidArgument() throws IOException {
        RawHttpClient http = new RawHttpClient(SERVER.port());
        for (String query : List.of("max-buckets=0", "max-buckets=10001", "max-buckets=x",
                "continuation-token=%25%25")) {
            ErrorAnswers.assertError(http.send(RawRequest.of("GET", "/", query).header("Host", "127.0.0.1:"
                    + SERVER.port()).signed().wire()), 400, "InvalidArgument");
        }
    }

    private static List<String> names(List<Bucket> buckets) {
        return buckets.stream().map(Bucket::name).toList();
    }
}
