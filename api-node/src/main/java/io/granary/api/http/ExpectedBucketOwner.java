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
     * Compares the expectation in {@code header}, if the request has one, with the bucket's owning account.
     *
     * @param header         {@link S3Headers#EXPECTED_BUCKET_OWNER} or {@link S3Headers#SOURCE_EXPECTED_BUCKET_OWNER}
     * @param ownerAccountId the bucket owner's 12-digit account id
     * @throws S3Exception AccessDenied when the header names another account
     */
    public static void check(MultiMap headers, String header, String ownerAccountId) {
        String expected = headers.get(header);
        if (expected != null && !expected.trim().equals(ownerAccountId)) {
            throw S3Exception.of(S3Error.ACCESS_DENIED, "The bucket is not owned by the account named in " + header
                    + ".");
        }
    }
}
