package io.granary.api.it;

import java.util.List;

/**
 * Headers that reach the parsers past the framing: ranges, HTTP dates, conditionals, checksums and
 * Content-MD5, copy sources, tagging, metadata (non-ASCII, oversized), storage classes, SSE and object
 * lock, ACLs, Expect, odd Content-Encoding and x-amz-content-sha256 values, and values holding encoded
 * CR/LF or other characters a header-injection attempt would send. Each family pairs header names with
 * values meant for them; a header gets a value of its family.
 */
final class FuzzHeaders {
    private record Family(List<String> names, List<String> values) {
    }

    private final FuzzRandom random;
    private final List<Family> families;

    FuzzHeaders(FuzzRandom random, String bucket, String existingKey) {
        this.random = random;
        String object = "/" + bucket + "/" + existingKey;
        this.families = List.of(
            new Family(List.of("Range"), List.of("bytes=0-0", "bytes=5-1", "bytes=-0", "bytes=999999999999-",
                    "bytes=0-1,3-4", "bytes=--1", "bits=0-1", "bytes=", "bytes=-99999999999999999999", "bytes=1-2 ")),
            new Family(List.of("If-Modified-Since", "If-Unmodified-Since", "x-amz-date", "Date", "Expires",
                    "x-amz-copy-source-if-modified-since"), List.of("Mon, 32 Jan 2024 00:00:00 GMT", "yesterday", "",
                    "0", "Thu, 01 Jan 1970 00:00:00 GMT", "99991231T235959Z", "20240101T000000Z")),
            new Family(List.of("If-Match", "If-None-Match", "x-amz-copy-source-if-match",
                    "x-amz-copy-source-if-none-match"), List.of("*", "\"\"", "\"abc\", W/\"x\"", ",,,",
                    "\"" + "a".repeat(3000) + "\"", "W/")),
            new Family(List.of("x-amz-checksum-crc32", "x-amz-checksum-crc32c", "x-amz-checksum-sha1",
                    "x-amz-checksum-sha256", "x-amz-checksum-crc64nvme", "Content-MD5", "x-amz-sdk-checksum-algorithm",
                    "x-amz-checksum-algorithm", "x-amz-checksum-type", "x-amz-checksum-mode", "x-amz-trailer"),
                    List.of("AAAAAA==", "not base64!", "", "CRC32", "MD5", "FULL_OBJECT", "COMPOSITE", "ENABLED",
                            "x-amz-checksum-crc32", "1B2M2Y8AsgTpgAmY7PhCfg==", "====")),
            new Family(List.of("x-amz-copy-source", "x-amz-copy-source-range"), List.of(object,
                    object.substring(1) + "?versionId=x", "/", "%zz", "/" + bucket + "/%C3%28", "bytes=0-99999999",
                    "bytes=5-1", "/nobucket/k", object + "?versionId=null", "bytes=0-0")),
            new Family(List.of("x-amz-tagging", "x-amz-tagging-directive", "x-amz-metadata-directive"),
                    List.of("a=b&a=c", "=", "&&&", "k%zz=v", "COPY", "REPLACE", "MERGE", "k=" + "v".repeat(300),
                            "a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9&j=10&k=11")),
            new Family(List.of("x-amz-meta-a", "x-amz-meta-É", "x-amz-meta-with space", "x-amz-meta-",
                    "x-amz-meta-" + "x".repeat(200)), List.of("é日本", "\u00ff\u00fe", "v".repeat(2100),
                    "v".repeat(9000), "", " padded ")),
            new Family(List.of("x-amz-storage-class", "x-amz-acl", "x-amz-grant-read", "x-amz-request-payer",
                    "x-amz-expected-bucket-owner", "x-amz-bucket-object-lock-enabled", "x-amz-object-ownership"),
                    List.of("STANDARD", "GLACIER", "standard", "FOO", "private", "public-read", "id=abc",
                            "requester", "123456789012", "true", "BucketOwnerEnforced", "")),
            new Family(List.of("x-amz-server-side-encryption", "x-amz-object-lock-mode",
                    "x-amz-object-lock-retain-until-date", "x-amz-website-redirect-location",
                    "x-amz-write-offset-bytes", "x-amz-server-side-encryption-customer-algorithm"),
                    List.of("AES256", "aws:kms", "GOVERNANCE", "2030-01-01T00:00:00Z", "/x", "0", "junk")),
            new Family(List.of("Expect"), List.of("100-continue", "200-ok", "")),
            new Family(List.of("Content-Encoding"), List.of("aws-chunked", "gzip", "aws-chunked, gzip",
                    "deflate, gzip", "", ",")),
            new Family(List.of("Content-Type"), List.of("application/xml", "text/plain; charset=é", "",
                    "multipart/form-data; boundary=x", "application/x-www-form-urlencoded")),
            new Family(List.of("x-amz-decoded-content-length", "x-amz-mp-object-size", "x-amz-max-parts",
                    "x-amz-part-number-marker", "x-amz-object-attributes"), List.of("-1", "0", "abc",
                    "99999999999999999999", "5", "ETag,Checksum,ObjectParts,Foo", "")),
            // Encoded CR/LF and look-alikes inside a value must never split it into two headers on the way back.
            new Family(List.of("x-amz-injected", "x-amz-meta-injected"), List.of("a%0D%0Ab", "a\u2028b", "\u0085",
                    "<script>", "${jndi:ldap://x}")),
            new Family(List.of("Authorization", "X-Amz-Security-Token"), List.of("AWS4-HMAC-SHA256",
                    "AWS4-HMAC-SHA256 Credential=,SignedHeaders=,Signature=", "Bearer x", "",
                    "AWS " + GranaryServerExtension.ACCESS_KEY + ":abc", "AWS4-HMAC-SHA256 Credential="
                    + GranaryServerExtension.ACCESS_KEY + "/20200101/us-east-1/s3/aws4_request, "
                    + "SignedHeaders=host, Signature=" + "0".repeat(64))),
            new Family(List.of("x-amz-content-sha256", "Host", "Connection", "Origin", "Access-Control-Request-Method"),
                    List.of("UNSIGNED-PAYLOAD", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "nothex", "", "127.0.0.1:1",
                            "bucket.s3.amazonaws.com", "close", "keep-alive", "http://evil", "PUT")));
    }

    /** Adds one header to {@code request}; returns its name for the case's description. */
    String addOne(RawRequest request) {
        Family family = random.pick(families);
        String name = random.pick(family.names());
        request.header(name, random.pick(family.values()));
        return name;
    }
}
