package io.granary.api.it;

import static io.granary.api.it.IamFixtures.allow;
import static io.granary.api.it.TestData.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.iam.CreatedAccessKey;
import io.granary.iam.IamService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.TaggingDirective;

/**
 * The authorization faults of issue 13's review, met with real requests by IAM users of the system account:
 * DeleteObjects per key, tagging on write needing s3:PutObjectTagging, 403 for a missing key without
 * s3:ListBucket, and two Authorization headers.
 */
@Timeout(120)
class PolicyFaultsIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private S3Client root;
    private String bucket;
    private IamService iam;
    private String account;

    @BeforeEach
    void bucketWithObjects() {
        root = S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.WHEN_REQUIRED);
        bucket = GranaryServerExtension.newBucket();
        root.createBucket(b -> b.bucket(bucket));
        for (String key : List.of("docker/registry/blob", "docker/registry/manifest", "other/kept")) {
            root.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
        }
        iam = SERVER.node().iam();
        account = iam.systemAccount().accountId();
    }

    private S3Client user(String policy) {
        CreatedAccessKey key = IamFixtures.user(iam, account, "u-" + UUID.randomUUID().toString().substring(0, 8),
                policy);
        return IamFixtures.client(SERVER.endpoint(), key);
    }

    private String objects(String suffix) {
        return "\"arn:aws:s3:::" + bucket + "/" + suffix + "\"";
    }

    @Test
    void deleteObjectsIsAuthorizedPerKeyAndReportsRefusedKeys() {
        // Docker's registry documents a policy that grants object actions on bucket/* only.
        S3Client registry = user(allow("[\"s3:DeleteObject\",\"s3:GetObject\",\"s3:PutObject\"]",
                objects("docker/*")));
        DeleteObjectsResponse response = registry.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("docker/registry/blob").build(),
                ObjectIdentifier.builder().key("docker/registry/manifest").build(),
                ObjectIdentifier.builder().key("other/kept").build())));
        assertEquals(List.of("docker/registry/blob", "docker/registry/manifest"),
                response.deleted().stream().map(d -> d.key()).sorted().toList());
        assertEquals(1, response.errors().size());
        assertEquals("other/kept", response.errors().get(0).key());
        assertEquals("AccessDenied", response.errors().get(0).code());
        assertEquals(List.of("other/kept"), root.listObjectsV2(b -> b.bucket(bucket)).contents().stream()
                .map(o -> o.key()).toList());
    }

    @Test
    void writingTagsNeedsPutObjectTagging() {
        S3Client writer = user(allow("[\"s3:PutObject\",\"s3:GetObject\"]", objects("*")));
        writer.putObject(b -> b.bucket(bucket).key("plain"), RequestBody.fromString("x"));
        assertS3Error(403, "AccessDenied", () -> writer.putObject(b -> b.bucket(bucket).key("tagged").tagging("a=1"),
                RequestBody.fromString("x")));
        assertS3Error(403, "AccessDenied", () -> writer.copyObject(b -> b.sourceBucket(bucket).sourceKey("plain")
                .destinationBucket(bucket).destinationKey("copy").taggingDirective(TaggingDirective.REPLACE)
                .tagging("a=1")));
        writer.copyObject(b -> b.sourceBucket(bucket).sourceKey("plain").destinationBucket(bucket)
                .destinationKey("copy").taggingDirective(TaggingDirective.COPY));

        S3Client tagger = user(allow("[\"s3:PutObject\",\"s3:GetObject\",\"s3:PutObjectTagging\"]", objects("*")));
        tagger.putObject(b -> b.bucket(bucket).key("tagged").tagging("a=1"), RequestBody.fromString("x"));
        tagger.copyObject(b -> b.sourceBucket(bucket).sourceKey("plain").destinationBucket(bucket)
                .destinationKey("copy2").taggingDirective(TaggingDirective.REPLACE).tagging("b=2"));
        assertEquals("2", root.getObjectTagging(b -> b.bucket(bucket).key("copy2")).tagSet().get(0).value());
    }

    @Test
    void aMissingKeyIs404OnlyToCallersThatMayList() {
        S3Client reader = user(allow("\"s3:GetObject\"", objects("*")));
        assertS3Error(403, "AccessDenied", () -> reader.getObject(b -> b.bucket(bucket).key("missing")));
        assertS3Error(403, null, () -> reader.headObject(b -> b.bucket(bucket).key("missing")));
        assertEquals(10, reader.headObject(b -> b.bucket(bucket).key("other/kept")).contentLength());

        S3Client lister = user("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "\"s3:GetObject\",\"Resource\":" + objects("*") + "},{\"Effect\":\"Allow\",\"Action\":"
                + "\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::" + bucket + "\"}]}");
        assertS3Error(404, "NoSuchKey", () -> lister.getObject(b -> b.bucket(bucket).key("missing")));
        assertS3Error(404, null, () -> lister.headObject(b -> b.bucket(bucket).key("missing")));
    }

    @Test
    void anonymousReadersOfAPublicBucketGet403ForMissingKeys() throws Exception {
        root.putBucketPolicy(b -> b.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":" + objects("*") + "}]}"));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create(SERVER.endpoint() + "/" + bucket
                + "/other/kept")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, found.statusCode());
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(SERVER.endpoint() + "/" + bucket
                + "/missing")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, missing.statusCode());
        assertTrue(missing.body().contains("<Code>AccessDenied</Code>"), missing.body());
    }

    @Test
    void twoAuthorizationHeadersAreRefused() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(SERVER.endpoint() + "/" + bucket + "/other/kept"))
                .header("Authorization", "AWS " + GranaryServerExtension.ACCESS_KEY + ":first=")
                .header("Authorization", "AWS " + GranaryServerExtension.ACCESS_KEY + ":second=")
                .header("Date", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode(), response.body());
        for (String part : Map.of("Code", "InvalidArgument", "ArgumentName", "Authorization").entrySet().stream()
                .map(e -> "<" + e.getKey() + ">" + e.getValue() + "</" + e.getKey() + ">").toList()) {
            assertTrue(response.body().contains(part), response.body());
        }
        assertTrue(response.body().contains("Only one auth mechanism allowed"), response.body());
    }
}
