package io.granary.api.it;

import static io.granary.api.it.TestData.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.Owner;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Buckets, bucket policies and ACLs through the AWS SDK v2 sync client under both checksum settings.
 * Policy enforcement is observed the way an outsider meets it: unsigned requests from a plain HTTP
 * client, allowed to read objects only while a public-read policy is attached.
 */
class SdkV2BucketIT extends SdkV2Case {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final HttpClient ANONYMOUS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .build();

    @Override
    GranaryServerExtension server() {
        return SERVER;
    }

    @Test
    void bucketTagsRoundTripInOrderAndAreValidatedAsS3Does() {
        assertS3Error(404, "NoSuchTagSet", () -> s3.getBucketTagging(b -> b.bucket(bucket)));
        List<Tag> tags = List.of(Tag.builder().key("team").value("photos").build(),
                Tag.builder().key("cost-centre").value("").build(),
                Tag.builder().key("app").value("ünïcode").build());
        s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(tags)));
        assertEquals(tags, s3.getBucketTagging(b -> b.bucket(bucket)).tagSet());

        List<Tag> tooMany = new ArrayList<>();
        for (int i = 0; i < 51; i++) tooMany.add(Tag.builder().key("k" + i).value("v").build());
        assertS3Error(400, "InvalidTag",
                () -> s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(tooMany))));
        assertS3Error(400, "InvalidTag", () -> s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(
                Tag.builder().key("aws:createdBy").value("me").build()))));
        assertS3Error(400, "InvalidTag", () -> s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(
                Tag.builder().key("a").value("1").build(), Tag.builder().key("a").value("2").build()))));
        assertEquals(tags, s3.getBucketTagging(b -> b.bucket(bucket)).tagSet(), "a refused put changes nothing");

        s3.deleteBucketTagging(b -> b.bucket(bucket));
        assertS3Error(404, "NoSuchTagSet", () -> s3.getBucketTagging(b -> b.bucket(bucket)));
    }

    @Test
    void bucketLifecycleFollowsUsEast1Rules() {
        List<String> names = s3.listBuckets().buckets().stream().map(Bucket::name).toList();
        assertTrue(names.contains(bucket), names::toString);
        s3.headBucket(b -> b.bucket(bucket));
        s3.createBucket(b -> b.bucket(bucket));
        String location = s3.getBucketLocation(b -> b.bucket(bucket)).locationConstraintAsString();
        assertTrue(location == null || location.isEmpty(), "us-east-1 has an empty LocationConstraint: " + location);
        assertNull(s3.getBucketVersioning(b -> b.bucket(bucket)).status());
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
        assertS3Error(409, "BucketNotEmpty", () -> s3.deleteBucket(b -> b.bucket(bucket)));
        s3.deleteObject(b -> b.bucket(bucket).key("k"));
        s3.deleteBucket(b -> b.bucket(bucket));
        assertS3Error(404, null, () -> s3.headBucket(b -> b.bucket(bucket)));
        assertS3Error(404, "NoSuchBucket", () -> s3.deleteBucket(b -> b.bucket(bucket)));
        assertS3Error(404, "NoSuchBucket", () -> s3.listObjectsV2(b -> b.bucket(bucket)));
        assertTrue(s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket)));
    }

    @Test
    void aPublicReadPolicyLetsAnonymousCallersGetObjectsButNotWriteOrList() throws Exception {
        s3.putObject(b -> b.bucket(bucket).key("public/doc.txt"), RequestBody.fromString("hello world"));
        assertAnonymous(403, "GET", "/" + bucket + "/public/doc.txt", "AccessDenied");
        String policy = """
                {"Version":"2012-10-17","Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*",
                "Action":"s3:GetObject","Resource":"arn:aws:s3:::%s/*"}]}""".formatted(bucket);
        s3.putBucketPolicy(b -> b.bucket(bucket).policy(policy));
        String stored = s3.getBucketPolicy(b -> b.bucket(bucket)).policy();
        assertTrue(stored.contains("PublicRead") && stored.contains("arn:aws:s3:::" + bucket + "/*"), stored);
        HttpResponse<String> get = anonymous("GET", "/" + bucket + "/public/doc.txt");
        assertEquals(200, get.statusCode(), get::body);
        assertEquals("hello world", get.body());
        assertAnonymous(403, "PUT", "/" + bucket + "/public/new.txt", "AccessDenied");
        assertAnonymous(403, "GET", "/" + bucket, "AccessDenied");
        assertAnonymous(403, "DELETE", "/" + bucket + "/public/doc.txt", "AccessDenied");
        // Without s3:ListBucket a missing key is AccessDenied, as on S3 (keys cannot be probed).
        assertAnonymous(403, "GET", "/" + bucket + "/public/absent.txt", "AccessDenied");
        s3.deleteBucketPolicy(b -> b.bucket(bucket));
        assertS3Error(404, "NoSuchBucketPolicy", () -> s3.getBucketPolicy(b -> b.bucket(bucket)));
        assertAnonymous(403, "GET", "/" + bucket + "/public/doc.txt", "AccessDenied");
        assertEquals("hello world", s3.getObjectAsBytes(b -> b.bucket(bucket).key("public/doc.txt")).asUtf8String());
    }

    @Test
    void malformedPolicyIsRefused() {
        assertS3Error(400, "MalformedPolicy", () -> s3.putBucketPolicy(b -> b.bucket(bucket).policy("{\"nope\":")));
        assertS3Error(404, "NoSuchBucketPolicy", () -> s3.getBucketPolicy(b -> b.bucket(bucket)));
    }

    @Test
    void aclsReportTheOwnerWithFullControlAndAcceptCannedPrivate() {
        s3.putObject(b -> b.bucket(bucket).key("acl"), RequestBody.fromString("acl"));
        GetBucketAclResponse bucketAcl = s3.getBucketAcl(b -> b.bucket(bucket));
        assertOwnerHasFullControl(bucketAcl.owner(), bucketAcl.grants());
        GetObjectAclResponse objectAcl = s3.getObjectAcl(b -> b.bucket(bucket).key("acl"));
        assertOwnerHasFullControl(objectAcl.owner(), objectAcl.grants());
        assertEquals(bucketAcl.owner().id(), objectAcl.owner().id());
        s3.putObjectAcl(b -> b.bucket(bucket).key("acl").acl(ObjectCannedACL.PRIVATE));
        s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE));
        assertS3Error(404, "NoSuchKey", () -> s3.getObjectAcl(b -> b.bucket(bucket).key("absent")));
    }

    private static void assertOwnerHasFullControl(Owner owner, List<Grant> grants) {
        assertTrue(owner.id() != null && !owner.id().isEmpty(), "owner id");
        assertEquals(1, grants.size(), grants::toString);
        assertEquals(Permission.FULL_CONTROL, grants.get(0).permission());
        assertEquals(owner.id(), grants.get(0).grantee().id());
    }

    private void assertAnonymous(int status, String method, String path, String code) throws Exception {
        HttpResponse<String> response = anonymous(method, path);
        assertEquals(status, response.statusCode(), () -> method + " " + path + ": " + response.body());
        assertTrue(response.body().contains("<Code>" + code + "</Code>"), response::body);
        assertTrue(response.headers().firstValue("x-amz-request-id").isPresent(), "request id");
        // A refused body is left unread, so that connection must close, and say so to a pooling client.
        assertEquals(method.equals("PUT"), response.headers().firstValue("connection").orElse("").equals("close"),
                () -> method + " " + path + " Connection header " + response.headers().map());
    }

    @Test
    void errorAnswersToBodilessRequestsKeepTheConnectionAlive() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", SERVER.port())) {
            socket.setSoTimeout(30_000);
            String get = "GET /" + bucket + "/absent HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
            socket.getOutputStream().write((get + get).getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            for (int answer = 1; answer <= 2; answer++) {
                assertEquals("HTTP/1.1 403 Forbidden", in.readLine(), "status line of answer " + answer);
                int length = -1;
                for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
                    assertFalse(line.equalsIgnoreCase("connection: close"), line);
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                char[] body = new char[length];
                for (int read = 0; read < length; read += in.read(body, read, length - read)) {
                    assertTrue(length > 0);
                }
                assertTrue(new String(body).contains("<Code>AccessDenied</Code>"));
            }
        }
    }

    private HttpResponse<String> anonymous(String method, String path) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = method.equals("PUT") ? HttpRequest.BodyPublishers.ofString("anonymous")
                : HttpRequest.BodyPublishers.noBody();
        HttpRequest request = HttpRequest.newBuilder(URI.create(SERVER.endpoint() + path))
                .method(method, body).timeout(Duration.ofSeconds(30)).build();
        return ANONYMOUS.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
