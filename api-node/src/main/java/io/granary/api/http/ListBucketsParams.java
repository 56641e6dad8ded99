package io.granary.api.http;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * ListBuckets' paging and filters: {@code max-buckets} (1 to 10000, none: every bucket),
 * {@code continuation-token} (opaque to clients: the last name of the previous page, base64url),
 * {@code prefix} and {@code bucket-region}. Empty values count as absent, as S3 treats them.
 *
 * @param maxBuckets the page size, or {@link Integer#MAX_VALUE} without {@code max-buckets}
 * @param after      list names greater than this one, or null from the start
 */
public record ListBucketsParams(int maxBuckets, String after, String prefix, String region) {
    /** S3's upper bound for {@code max-buckets}. */
    public static final int MAX_BUCKETS = 10_000;

    public static ListBucketsParams parse(S3Request request) {
        String max = nonEmpty(request.query("max-buckets"));
        int maxBuckets = max == null ? Integer.MAX_VALUE : CountParameter.parse("max-buckets", max, 0);
        if (maxBuckets < 1 || max != null && maxBuckets > MAX_BUCKETS) {
            throw S3Exception.of(S3Error.INVALID_ARGUMENT, "Argument max-buckets must be an integer between 1 and "
                    + MAX_BUCKETS).with("ArgumentName", "max-buckets").with("ArgumentValue", max);
        }
        String token = nonEmpty(request.query("continuation-token"));
        return new ListBucketsParams(maxBuckets, token == null ? null : decode(token),
                nonEmpty(request.query("prefix")), nonEmpty(request.query("bucket-region")));
    }

    /** Whether a bucket named {@code name} in {@code bucketRegion} is listed on this page. */
    public boolean admits(String name, String bucketRegion) {
        return (after == null || name.compareTo(after) > 0) && (prefix == null || name.startsWith(prefix))
                && (region == null || region.equals(bucketRegion));
    }

    /** The token that continues after the bucket named {@code lastName}. */
    public static String tokenAfter(String lastName) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastName.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw S3Exception.of(S3Error.INVALID_ARGUMENT, "The continuation token provided is incorrect")
                    .with("ArgumentName", "continuation-token").with("ArgumentValue", token);
        }
    }

    private static String nonEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
