package io.granary.api.http;

/** Names of the request and response headers Granary reads or writes, spelled once. */
public final class S3Headers {
    public static final String REQUEST_ID = "x-amz-request-id";
    public static final String ID_2 = "x-amz-id-2";
    public static final String CONTENT_SHA256 = "x-amz-content-sha256";
    public static final String DECODED_CONTENT_LENGTH = "x-amz-decoded-content-length";
    public static final String TRAILER = "x-amz-trailer";
    public static final String DATE = "x-amz-date";
    public static final String META_PREFIX = "x-amz-meta-";
    public static final String COPY_SOURCE = "x-amz-copy-source";
    public static final String COPY_SOURCE_RANGE = "x-amz-copy-source-range";
    public static final String COPY_SOURCE_IF_MATCH = "x-amz-copy-source-if-match";
    public static final String COPY_SOURCE_IF_NONE_MATCH = "x-amz-copy-source-if-none-match";
    public static final String COPY_SOURCE_IF_MODIFIED_SINCE = "x-amz-copy-source-if-modified-since";
    public static final String COPY_SOURCE_IF_UNMODIFIED_SINCE = "x-amz-copy-source-if-unmodified-since";
    public static final String METADATA_DIRECTIVE = "x-amz-metadata-directive";
    public static final String TAGGING_DIRECTIVE = "x-amz-tagging-directive";
    public static final String TAGGING = "x-amz-tagging";
    public static final String TAGGING_COUNT = "x-amz-tagging-count";
    public static final String CHECKSUM_PREFIX = "x-amz-checksum-";
    public static final String CHECKSUM_ALGORITHM = "x-amz-checksum-algorithm";
    public static final String SDK_CHECKSUM_ALGORITHM = "x-amz-sdk-checksum-algorithm";
    public static final String CHECKSUM_TYPE = "x-amz-checksum-type";
    public static final String CHECKSUM_MODE = "x-amz-checksum-mode";
    public static final String MP_PARTS_COUNT = "x-amz-mp-parts-count";
    public static final String STORAGE_CLASS = "x-amz-storage-class";
    public static final String ACL = "x-amz-acl";
    public static final String GRANT_READ = "x-amz-grant-read";
    public static final String GRANT_WRITE = "x-amz-grant-write";
    public static final String GRANT_READ_ACP = "x-amz-grant-read-acp";
    public static final String GRANT_WRITE_ACP = "x-amz-grant-write-acp";
    public static final String GRANT_FULL_CONTROL = "x-amz-grant-full-control";
    public static final String OBJECT_OWNERSHIP = "x-amz-object-ownership";
    public static final String OBJECT_ATTRIBUTES = "x-amz-object-attributes";
    public static final String MAX_PARTS = "x-amz-max-parts";
    public static final String PART_NUMBER_MARKER = "x-amz-part-number-marker";
    public static final String SERVER_SIDE_ENCRYPTION = "x-amz-server-side-encryption";
    public static final String COPY_SOURCE_SERVER_SIDE_ENCRYPTION = "x-amz-copy-source-server-side-encryption";
    public static final String SSE_KMS_KEY_ID = "x-amz-server-side-encryption-aws-kms-key-id";
    public static final String SSE_CONTEXT = "x-amz-server-side-encryption-context";
    public static final String SSE_BUCKET_KEY = "x-amz-server-side-encryption-bucket-key-enabled";
    /** The SSE-C headers: this prefix and {@code algorithm}, {@code key}, {@code key-MD5}. */
    public static final String SSE_CUSTOMER = "x-amz-server-side-encryption-customer-";
    /** The SSE-C headers of a copy's source. */
    public static final String COPY_SOURCE_SSE_CUSTOMER = "x-amz-copy-source-server-side-encryption-customer-";
    public static final String OBJECT_LOCK_PREFIX = "x-amz-object-lock-";
    public static final String BUCKET_OBJECT_LOCK_ENABLED = "x-amz-bucket-object-lock-enabled";
    public static final String WEBSITE_REDIRECT_LOCATION = "x-amz-website-redirect-location";
    public static final String WRITE_OFFSET_BYTES = "x-amz-write-offset-bytes";
    public static final String IF_MATCH_LAST_MODIFIED_TIME = "x-amz-if-match-last-modified-time";
    public static final String IF_MATCH_SIZE = "x-amz-if-match-size";
    public static final String EXPECTED_BUCKET_OWNER = "x-amz-expected-bucket-owner";
    public static final String SOURCE_EXPECTED_BUCKET_OWNER = "x-amz-source-expected-bucket-owner";
    public static final String MP_OBJECT_SIZE = "x-amz-mp-object-size";
    public static final String VERSION_ID = "x-amz-version-id";
    public static final String DELETE_MARKER = "x-amz-delete-marker";
    public static final String COPY_SOURCE_VERSION_ID = "x-amz-copy-source-version-id";
    public static final String MFA = "x-amz-mfa";
    public static final String BUCKET_REGION = "x-amz-bucket-region";

    public static final String CONTENT_MD5 = "Content-MD5";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String CONTENT_LENGTH = "Content-Length";
    public static final String TRANSFER_ENCODING = "Transfer-Encoding";
    public static final String CONTENT_ENCODING = "Content-Encoding";
    public static final String CONTENT_DISPOSITION = "Content-Disposition";
    public static final String CONTENT_LANGUAGE = "Content-Language";
    public static final String CONTENT_RANGE = "Content-Range";
    public static final String CACHE_CONTROL = "Cache-Control";
    public static final String EXPIRES = "Expires";
    public static final String ETAG = "ETag";
    public static final String LAST_MODIFIED = "Last-Modified";
    public static final String ACCEPT_RANGES = "Accept-Ranges";
    public static final String RANGE = "Range";
    public static final String IF_MATCH = "If-Match";
    public static final String IF_NONE_MATCH = "If-None-Match";
    public static final String IF_MODIFIED_SINCE = "If-Modified-Since";
    public static final String IF_UNMODIFIED_SINCE = "If-Unmodified-Since";
    public static final String EXPECT = "Expect";
    public static final String HOST = "Host";
    public static final String SECURITY_TOKEN = "x-amz-security-token";
    public static final String AUTHORIZATION = "Authorization";

    private S3Headers() {
    }
}
