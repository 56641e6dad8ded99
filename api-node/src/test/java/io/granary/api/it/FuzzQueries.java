package io.granary.api.it;

import java.util.ArrayList;
import java.util.List;

/**
 * Query strings: S3 subresources known and unknown, with valid, empty, duplicated, malformed and huge
 * values (listing parameters, part numbers, upload ids, {@code response-*} overrides holding CR/LF,
 * presigned-URL parameters), in random numbers and order.
 */
final class FuzzQueries {
    private static final List<String> NAMES = List.of("uploads", "uploadId", "partNumber", "tagging", "acl",
            "policy", "delete", "list-type", "max-keys", "prefix", "delimiter", "marker", "continuation-token",
            "start-after", "encoding-type", "fetch-owner", "versionId", "versions", "location", "cors",
            "lifecycle", "website", "encryption", "object-lock", "publicAccessBlock", "ownershipControls",
            "requestPayment", "accelerate", "logging", "versioning", "attributes", "max-parts",
            "part-number-marker", "max-uploads", "key-marker", "upload-id-marker", "response-content-type",
            "response-content-disposition", "response-cache-control", "response-expires", "X-Amz-Algorithm",
            "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-Signature", "X-Amz-SignedHeaders",
            "AWSAccessKeyId", "Signature", "Expires", "select", "restore", "torrent", "retention", "legal-hold",
            "notification", "replication", "analytics", "intelligent-tiering", "inventory", "metrics",
            "max-buckets", "bucket-region", "unknown-" + "param", "x-id");

    private final FuzzRandom random;
    private final String uploadId;

    FuzzQueries(FuzzRandom random, String uploadId) {
        this.random = random;
        this.uploadId = uploadId;
    }

    /** A raw query string without '?', possibly empty. */
    String next() {
        if (random.chance(0.25)) return "";
        if (random.chance(0.05)) return random.pick("&", "&&", "=", "==&=", "%", "a=%zz", "a=%C3%28", "?", "a=b=c");
        int count = 1 + random.below(4);
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = random.pick(NAMES);
            pairs.add(random.chance(0.15) ? name : name + "=" + value(name));
            if (random.chance(0.1)) pairs.add(pairs.get(pairs.size() - 1));
        }
        return String.join("&", pairs);
    }

    private String value(String name) {
        if (random.chance(0.2)) return random.pick("", "-1", "0", "1", "10001", "99999999999999999999", "abc",
                "%00", "%0D%0AX-Injected:%201", "%FF", "x".repeat(random.pick(300, 5000, 14_000)), " 1", "1.5");
        return switch (name) {
            case "uploadId", "upload-id-marker" -> random.chance(0.5) ? uploadId : random.text("abcdef0123", 20);
            case "partNumber", "max-keys", "max-parts", "max-uploads", "part-number-marker", "max-buckets" ->
                    String.valueOf(random.pick(0, 1, 2, 3, 1000, 10000, 10001, Integer.MAX_VALUE));
            case "list-type" -> random.pick("1", "2", "3");
            case "encoding-type" -> random.pick("url", "URL", "base64");
            case "response-content-type" -> random.pick("text/plain", "a%0Db", "%E2%82%AC");
            case "X-Amz-Algorithm" -> random.pick("AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256", "MD5");
            case "X-Amz-Date" -> random.pick("20200101T000000Z", "garbage", "29991231T235959Z");
            case "X-Amz-Expires" -> random.pick("0", "604801", "-5", "1");
            case "X-Amz-Credential" -> random.pick(GranaryServerExtension.ACCESS_KEY + "%2F20200101%2Fus-east-1%2Fs3"
                    + "%2Faws4_request", "nokey", "%2F%2F%2F%2F");
            case "versionId" -> random.pick("null", "3HL4kqtJlcpXroDTDmJ", "");
            default -> random.text("abc/é%20", 1 + random.below(10)).replace("é", "%C3%A9");
        };
    }
}
