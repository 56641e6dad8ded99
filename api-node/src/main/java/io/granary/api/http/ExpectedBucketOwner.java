package io.granary.api.http;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.vertx.core.MultiMap;

/**
 * {@code x-amz-expected-bucket-owner} (and {@code x-amz-source-expected-bucket-owner} for the source of a
 * copy): the account id the client expects to own the bucket. A mismatch is 403 AccessDenied, as in S3.
 */
public final class ExpectedBucketOwner {

    private ExpectedBucketOwner() {
    }

    /**
     * Compares the expected owners with the bucket's owning account.
     *
     * @param ownerAccountId the owner's 12-digit account id, or null when it has none (then every expectation
     *                       fails: a claim that cannot be checked is not taken on trust)
     * @throws S3Exception AccessDenied when a header names another account
     */
    public static void check(MultiMap headers, String ownerAccountId) {
        for (String header : new String[] {S3Headers.EXPECTED_BUCKET_OWNER, S3Headers.SOURCE_EXPECTED_BUCKET_OWNER}) {
            String expected = headers.get(header);
            if (expected != null && !expected.trim().equals(ownerAccountId)) {
                throw S3Exception.of(S3Error.ACCESS_DENIED, "The bucket is not owned by the account named in "
                        + header + ".");
            }
        }
    }
}
