package io.granary.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class S3RouterTest {
    private final S3Router router = new S3Router("s3.local");

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of("GET", "/", Set.of(), false, S3Operation.LIST_BUCKETS),
                Arguments.of("PUT", "/photos", Set.of(), false, S3Operation.CREATE_BUCKET),
                Arguments.of("HEAD", "/photos", Set.of(), false, S3Operation.HEAD_BUCKET),
                Arguments.of("DELETE", "/photos", Set.of(), false, S3Operation.DELETE_BUCKET),
                Arguments.of("GET", "/photos", Set.of("location"), false, S3Operation.GET_BUCKET_LOCATION),
                Arguments.of("GET", "/photos", Set.of(), false, S3Operation.LIST_OBJECTS),
                Arguments.of("GET", "/photos", Set.of("list-type", "prefix"), false, S3Operation.LIST_OBJECTS_V2),
                Arguments.of("GET", "/photos", Set.of("versions"), false, S3Operation.LIST_OBJECT_VERSIONS),
                Arguments.of("GET", "/photos", Set.of("uploads"), false, S3Operation.LIST_MULTIPART_UPLOADS),
                Arguments.of("POST", "/photos", Set.of("delete"), false, S3Operation.DELETE_OBJECTS),
                Arguments.of("POST", "/photos", Set.of(), false, S3Operation.POST_OBJECT),
                Arguments.of("PUT", "/photos", Set.of("cors"), false, S3Operation.PUT_BUCKET_CORS),
                Arguments.of("DELETE", "/photos", Set.of("cors"), false, S3Operation.DELETE_BUCKET_CORS),
                Arguments.of("OPTIONS", "/photos", Set.of(), false, S3Operation.PREFLIGHT),
                Arguments.of("OPTIONS", "/photos/k", Set.of("uploads"), false, S3Operation.PREFLIGHT),
                Arguments.of("PUT", "/photos", Set.of("policy"), false, S3Operation.PUT_BUCKET_POLICY),
                Arguments.of("DELETE", "/photos", Set.of("policy"), false, S3Operation.DELETE_BUCKET_POLICY),
                Arguments.of("PUT", "/photos/a/b.jpg", Set.of(), false, S3Operation.PUT_OBJECT),
                Arguments.of("PUT", "/photos/a/b.jpg", Set.of(), true, S3Operation.COPY_OBJECT),
                Arguments.of("PUT", "/photos/k", Set.of("partNumber", "uploadId"), false, S3Operation.UPLOAD_PART),
                Arguments.of("PUT", "/photos/k", Set.of("partNumber", "uploadId"), true,
                        S3Operation.UPLOAD_PART_COPY),
                Arguments.of("POST", "/photos/k", Set.of("uploads"), false, S3Operation.CREATE_MULTIPART_UPLOAD),
                Arguments.of("POST", "/photos/k", Set.of("uploadId"), false,
                        S3Operation.COMPLETE_MULTIPART_UPLOAD),
                Arguments.of("DELETE", "/photos/k", Set.of("uploadId"), false, S3Operation.ABORT_MULTIPART_UPLOAD),
                Arguments.of("GET", "/photos/k", Set.of("uploadId"), false, S3Operation.LIST_PARTS),
                Arguments.of("GET", "/photos/k", Set.of("partNumber"), false, S3Operation.GET_OBJECT),
                Arguments.of("GET", "/photos/k", Set.of("response-content-type"), false, S3Operation.GET_OBJECT),
                Arguments.of("HEAD", "/photos/k", Set.of(), false, S3Operation.HEAD_OBJECT),
                Arguments.of("DELETE", "/photos/k", Set.of(), false, S3Operation.DELETE_OBJECT),
                Arguments.of("GET", "/photos/k", Set.of("tagging"), false, S3Operation.GET_OBJECT_TAGGING),
                Arguments.of("GET", "/photos/k", Set.of("attributes"), false, S3Operation.GET_OBJECT_ATTRIBUTES),
                Arguments.of("PUT", "/photos/k", Set.of("acl"), false, S3Operation.PUT_OBJECT_ACL),
                Arguments.of("GET", "/photos", Set.of("lifecycle"), false, S3Operation.GET_BUCKET_LIFECYCLE),
                Arguments.of("GET", "/photos", Set.of("tagging"), false, S3Operation.GET_BUCKET_TAGGING),
                Arguments.of("PUT", "/photos", Set.of("tagging"), false, S3Operation.PUT_BUCKET_TAGGING),
                Arguments.of("DELETE", "/photos", Set.of("tagging"), false, S3Operation.DELETE_BUCKET_TAGGING),
                Arguments.of("GET", "/photos/k", Set.of("tagging"), false, S3Operation.GET_OBJECT_TAGGING),
                Arguments.of("GET", "/photos", Set.of("object-lock"), false,
                        S3Operation.GET_OBJECT_LOCK_CONFIGURATION),
                Arguments.of("GET", "/photos", Set.of("logging"), false, S3Operation.GET_BUCKET_LOGGING),
                Arguments.of("PUT", "/photos", Set.of("acl"), false, S3Operation.PUT_BUCKET_ACL),
                Arguments.of("GET", "/photos", Set.of("ownershipControls"), false,
                        S3Operation.GET_BUCKET_OWNERSHIP_CONTROLS),
                Arguments.of("PUT", "/photos", Set.of("ownershipControls"), false,
                        S3Operation.PUT_BUCKET_OWNERSHIP_CONTROLS),
                Arguments.of("DELETE", "/photos", Set.of("ownershipControls"), false,
                        S3Operation.DELETE_BUCKET_OWNERSHIP_CONTROLS),
                Arguments.of("GET", "/photos", Set.of("publicAccessBlock"), false, S3Operation.GET_PUBLIC_ACCESS_BLOCK),
                Arguments.of("PUT", "/photos", Set.of("publicAccessBlock"), false, S3Operation.PUT_PUBLIC_ACCESS_BLOCK),
                Arguments.of("DELETE", "/photos", Set.of("publicAccessBlock"), false,
                        S3Operation.DELETE_PUBLIC_ACCESS_BLOCK),
                Arguments.of("GET", "/photos", Set.of("policyStatus"), false, S3Operation.GET_BUCKET_POLICY_STATUS));
    }

    @ParameterizedTest(name = "{0} {1} {2} copy={3} -> {4}")
    @MethodSource("routes")
    void resolvesEachOperation(String method, String path, Set<String> query, boolean copy, S3Operation expected) {
        assertEquals(expected, router.resolve(method, path, query, "127.0.0.1:9000", copy).operation());
    }

    @Test
    void unimplementedSubresourceNeverFallsThroughToADestructiveDefault() {
        for (String method : new String[] {"DELETE", "PUT", "POST"}) {
            S3Exception e = assertThrows(S3Exception.class,
                    () -> router.resolve(method, "/photos", Set.of("website"), null, false));
            assertEquals(S3Error.NOT_IMPLEMENTED, e.error());
        }
        assertEquals(S3Error.NOT_IMPLEMENTED, assertThrows(S3Exception.class,
                () -> router.resolve("POST", "/photos", Set.of("cors"), null, false)).error());
        assertEquals(S3Error.NOT_IMPLEMENTED, assertThrows(S3Exception.class,
                () -> router.resolve("POST", "/photos", Set.of("lifecycle"), null, false)).error());
        assertEquals(S3Operation.DELETE_BUCKET_LIFECYCLE, router.resolve("DELETE", "/photos", Set.of("lifecycle"),
                null, false).operation());
        assertEquals(S3Operation.PUT_OBJECT_RETENTION, router.resolve("PUT", "/photos/k", Set.of("retention"), null,
                false).operation());
    }

    @Test
    void keysAreDecodedExactlyOnceWithoutNormalisation() {
        ResolvedRequest r = router.resolve("GET", "/photos/a%20b/../c%2Bd+e%25%26%22%C3%A9", Set.of(), null, false);
        assertEquals("photos", r.bucket());
        assertEquals("a b/../c+d+e%&\"é", r.key());
    }

    @Test
    void virtualHostStyleTakesTheBucketFromTheHost() {
        ResolvedRequest r = router.resolve("GET", "/dir/file.txt", Set.of(), "photos.s3.local:9000", false);
        assertEquals("photos", r.bucket());
        assertEquals("dir/file.txt", r.key());
        ResolvedRequest bucket = router.resolve("GET", "/", Set.of(), "photos.s3.local", false);
        assertEquals(S3Operation.LIST_OBJECTS, bucket.operation());
        assertNull(bucket.key());
    }

    @Test
    void badInputGetsTheS3ErrorAwsReturns() {
        assertEquals(S3Error.INVALID_BUCKET_NAME, assertThrows(S3Exception.class,
                () -> router.resolve("PUT", "/Bad_Bucket", Set.of(), null, false)).error());
        assertEquals(S3Error.INVALID_URI, assertThrows(S3Exception.class,
                () -> router.resolve("GET", "/photos/%zz", Set.of(), null, false)).error());
        assertEquals(S3Error.INVALID_URI, assertThrows(S3Exception.class,
                () -> router.resolve("GET", "/photos/%C3", Set.of(), null, false)).error());
        assertEquals(S3Error.KEY_TOO_LONG, assertThrows(S3Exception.class,
                () -> router.resolve("PUT", "/photos/" + "k".repeat(1025), Set.of(), null, false)).error());
        assertEquals(S3Error.METHOD_NOT_ALLOWED, assertThrows(S3Exception.class,
                () -> router.resolve("PATCH", "/photos/k", Set.of(), null, false)).error());
        assertEquals(S3Error.NOT_IMPLEMENTED, assertThrows(S3Exception.class,
                () -> router.resolve("POST", "/photos/k", Set.of(), null, false)).error());
    }

    @Test
    void adminPathCanNeverBeABucket() {
        assertEquals(false, BucketNames.isValid("_admin"));
    }

    @Test
    void adminPathsAreAdminOnlyOnTheBareEndpointHost() {
        S3Router virtual = new S3Router("s3.example.com");
        assertTrue(virtual.isAdmin("/_admin/status", "s3.example.com:9000", "/_admin"));
        assertTrue(virtual.isAdmin("/_admin/", "127.0.0.1:9000", "/_admin"));
        assertFalse(virtual.isAdmin("/_admin", "127.0.0.1:9000", "/_admin"), "the bucket name _admin, refused");
        assertFalse(virtual.isAdmin("/_admin/status", "photos.s3.example.com", "/_admin"),
                "a virtual-host bucket's key _admin/status");
        assertFalse(virtual.isAdmin("/_administrator", "s3.example.com", "/_admin"));
        assertFalse(BucketNames.isValid("_admin"));
    }

    @Test
    void withoutADomainAHostThatCanOnlyBeVirtualHostStyleIsRefusedNotTakenAsPathStyle() {
        S3Router plain = new S3Router(null);
        for (String host : List.of("photos.localhost:9000", "photos.127.0.0.1:9000", "photos.s3.amazonaws.com",
                "photos.s3.eu-west-3.amazonaws.com")) {
            S3Exception e = assertThrows(S3Exception.class, () -> plain.resolve("GET", "/key", Set.of(), host, false),
                    host);
            assertEquals(S3Error.INVALID_REQUEST, e.error(), host);
            assertTrue(e.getMessage().contains("--domain"), e.getMessage());
        }
        for (String host : List.of("127.0.0.1:9000", "localhost:9000", "s3.internal:9000", "[::1]:9000",
                "s3.amazonaws.com", "s3.us-east-1.amazonaws.com", "storage.example.com")) {
            assertEquals("key", plain.resolve("GET", "/key/x", Set.of(), host, false).bucket(), host);
        }
    }
}
