package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.it.RawHttpClient.Response;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh bucket on a test server, driven over raw HTTP: the requests, uploads and "nothing was stored"
 * checks the raw-HTTP tests share.
 */
final class RawBucket {
    private static final Pattern UPLOAD_ID = Pattern.compile("<UploadId>([^<]+)</UploadId>");

    final RawHttpClient http;
    final String name;
    private final GranaryServerExtension server;

    private RawBucket(GranaryServerExtension server, String name) {
        this.server = server;
        this.http = new RawHttpClient(server.port());
        this.name = name;
    }

    /** Creates a new bucket on {@code server}. */
    static RawBucket create(GranaryServerExtension server) throws IOException {
        RawBucket bucket = new RawBucket(server, GranaryServerExtension.newBucket());
        Response created = bucket.http.send(bucket.request("PUT", "/" + bucket.name, "").signed().wire());
        assertEquals(200, created.status(), created.text());
        return bucket;
    }

    /** A request to the server with its Host set; {@code path} and {@code query} are used as given. */
    RawRequest request(String method, String path, String query) {
        return RawRequest.of(method, path, query).header("Host", "127.0.0.1:" + server.port());
    }

    /** The path of {@code key} in this bucket. */
    String path(String key) {
        return "/" + name + "/" + key;
    }

    /** Starts a multipart upload of {@code key}; returns its id, URL-encoded for a query. */
    String createUpload(String key) throws IOException {
        Response created = http.send(request("POST", path(key), "uploads").signed().wire());
        Matcher id = UPLOAD_ID.matcher(created.text());
        assertTrue(id.find(), created.text());
        return URLEncoder.encode(id.group(1), StandardCharsets.UTF_8);
    }

    /** Completes {@code upload} of {@code key} from its one part with {@code etag}. */
    Response completeOnePart(String key, String upload, String etag) throws IOException {
        byte[] complete = ("<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>" + etag
                + "</ETag></Part></CompleteMultipartUpload>").getBytes(StandardCharsets.UTF_8);
        return http.send(request("POST", path(key), "uploadId=" + upload).body(complete).signed().wire());
    }

    /** Asserts {@code key} does not exist and every shard file created since {@code before} went away. */
    void assertNotStored(String key, Set<Path> before) throws IOException {
        ErrorAnswers.assertError(http.send(request("GET", path(key), "").signed().wire()), 404, "NoSuchKey");
        try {
            Set<Path> leftover = ShardFiles.leftoverAfter(server.dataDir(), before, 10_000);
            assertTrue(leftover.isEmpty(), "shard files left behind by a rejected upload: " + leftover);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
