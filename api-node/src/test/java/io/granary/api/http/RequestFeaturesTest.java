package io.granary.api.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.vertx.core.MultiMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestFeaturesTest {

    private static S3Error outcome(S3Operation operation, String header, String value) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add(header, value);
        try {
            RequestFeatures.refuseUnsupported(operation, headers);
            return null;
        } catch (S3Exception e) {
            return e.error();
        }
    }

    @ParameterizedTest(name = "{0} {1}: {2} -> {3}")
    @CsvSource(nullValues = "-", value = {
        "PUT_OBJECT, x-amz-server-side-encryption, AES256, -",
        "COPY_OBJECT, x-amz-server-side-encryption, AES256, -",
        "CREATE_MULTIPART_UPLOAD, x-amz-server-side-encryption, AES256, -",
        "PUT_OBJECT, x-amz-server-side-encryption, aws:kms, -",
        "POST_OBJECT, x-amz-server-side-encryption, aws:kms, -",
        "PUT_OBJECT, x-amz-server-side-encryption, aws:kms:dsse, NOT_IMPLEMENTED",
        "PUT_OBJECT, x-amz-server-side-encryption, aes256, INVALID_ARGUMENT",
        "GET_OBJECT, x-amz-server-side-encryption, AES256, INVALID_ARGUMENT",
        "UPLOAD_PART, x-amz-server-side-encryption, AES256, INVALID_ARGUMENT",
        "PUT_OBJECT, X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id, key, INVALID_ARGUMENT",
        "GET_OBJECT, x-amz-server-side-encryption-aws-kms-key-id, key, INVALID_ARGUMENT",
        "PUT_OBJECT, x-amz-server-side-encryption-context, e30=, INVALID_ARGUMENT",
        "CREATE_MULTIPART_UPLOAD, x-amz-server-side-encryption-bucket-key-enabled, true, -",
        "CREATE_MULTIPART_UPLOAD, x-amz-server-side-encryption-bucket-key-enabled, maybe, INVALID_ARGUMENT",
        "PUT_OBJECT, x-amz-server-side-encryption-something-new, x, NOT_IMPLEMENTED",
        "COPY_OBJECT, x-amz-server-side-encryption-customer-algorithm, AES256, -",
        "COPY_OBJECT, x-amz-copy-source-server-side-encryption-customer-key, a2V5, -",
        "UPLOAD_PART_COPY, x-amz-copy-source-server-side-encryption-customer-key, a2V5, -",
        "PUT_OBJECT, x-amz-copy-source-server-side-encryption-customer-key, a2V5, INVALID_ARGUMENT",
        "UPLOAD_PART, x-amz-server-side-encryption-customer-key-md5, bWQ1, -",
        "GET_OBJECT, x-amz-server-side-encryption-customer-algorithm, AES256, -",
        "HEAD_OBJECT, x-amz-server-side-encryption-customer-algorithm, AES256, -",
        "COMPLETE_MULTIPART_UPLOAD, x-amz-server-side-encryption-customer-algorithm, AES256, -",
        "DELETE_OBJECT, x-amz-server-side-encryption-customer-algorithm, AES256, INVALID_ARGUMENT",
        "POST_OBJECT, x-amz-server-side-encryption-customer-algorithm, AES256, NOT_IMPLEMENTED",
        "PUT_OBJECT, x-amz-object-lock-mode, GOVERNANCE, -",
        "CREATE_MULTIPART_UPLOAD, x-amz-object-lock-legal-hold, ON, -",
        "CREATE_BUCKET, x-amz-bucket-object-lock-enabled, true, -",
        "PUT_OBJECT, x-amz-website-redirect-location, /elsewhere, NOT_IMPLEMENTED",
        "DELETE_OBJECT, x-amz-mfa, serial 123456, NOT_IMPLEMENTED",
        "DELETE_OBJECTS, x-amz-mfa, serial 123456, NOT_IMPLEMENTED",
        "PUT_BUCKET_VERSIONING, x-amz-mfa, serial 123456, NOT_IMPLEMENTED",
        "PUT_OBJECT, x-amz-write-offset-bytes, 10, NOT_IMPLEMENTED",
        "DELETE_OBJECT, x-amz-if-match-size, 10, NOT_IMPLEMENTED",
        "DELETE_OBJECT, x-amz-if-match-last-modified-time, 'Fri, 20 Nov 2026 10:00:00 GMT', NOT_IMPLEMENTED",
        "PUT_OBJECT, x-amz-request-payer, requester, -",
        "PUT_OBJECT, x-amz-storage-class, GLACIER, -",
        "LIST_BUCKETS, x-amz-expected-bucket-owner, 111122223333, -",
        "GET_OBJECT, x-amz-expected-bucket-owner, 111122223333, -",
    })
    void refusesWhatGranaryCannotDoWithTheCodeAwsUses(S3Operation operation, String header, String value,
            S3Error expected) {
        assertEquals(expected, outcome(operation, header, value));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"x-amz-server-side-encryption-context", "x-amz-server-side-encryption-aws-kms-key-id"})
    void kmsHeadersWithoutAwsKmsNameTheHeader(String header) {
        S3Exception e = assertThrows(S3Exception.class, () -> RequestFeatures.refuseUnsupported(
                S3Operation.PUT_OBJECT, MultiMap.caseInsensitiveMultiMap().add(header, "x")));
        assertEquals(S3Error.INVALID_ARGUMENT, e.error());
        assertEquals(header, e.extras().get("ArgumentName"));
    }

    @ParameterizedTest(name = "context {0}")
    @CsvSource({"bm90IGpzb24=", "WzFd", "eyJhIjoxfQ==", "!!"})
    void anEncryptionContextMustBeBase64OfAJsonObjectOfStrings(String context) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add(S3Headers.SERVER_SIDE_ENCRYPTION, "aws:kms")
                .add(S3Headers.SSE_CONTEXT, context);
        assertEquals(S3Error.INVALID_ARGUMENT, assertThrows(S3Exception.class, () ->
                RequestFeatures.refuseUnsupported(S3Operation.PUT_OBJECT, headers)).error());
        headers.set(S3Headers.SSE_CONTEXT, "eyJhIjoiYiJ9");
        assertDoesNotThrow(() -> RequestFeatures.refuseUnsupported(S3Operation.PUT_OBJECT, headers));
    }

    @ParameterizedTest(name = "owner {0}")
    @CsvSource({"111122223333"})
    void anExpectedOwnerMatchingTheBucketsAccountPasses(String account) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add(S3Headers.EXPECTED_BUCKET_OWNER, account);
        assertDoesNotThrow(() -> ExpectedBucketOwner.check(headers, S3Headers.EXPECTED_BUCKET_OWNER, account));
        assertThrows(S3Exception.class, () -> ExpectedBucketOwner.check(headers, S3Headers.EXPECTED_BUCKET_OWNER,
                "444455556666"));
        assertDoesNotThrow(() -> ExpectedBucketOwner.check(headers, S3Headers.SOURCE_EXPECTED_BUCKET_OWNER,
                "444455556666"));
    }
}
