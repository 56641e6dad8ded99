package io.granary.api.it;

import static io.granary.api.it.ErrorAnswers.assertError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.it.RawHttpClient.Response;
import io.granary.iam.Account;
import io.granary.iam.CreatedAccount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ACLs, ownership controls, the public access block and expected bucket owners over raw HTTP: every answer's
 * status, code and RequestId, and what anonymous and other-account callers can then do.
 */
@Timeout(120)
class AclIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final byte[] BODY = "acl body".getBytes(StandardCharsets.UTF_8);
    private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    private static RawHttpClient http;
    private static Account owner;
    private static CreatedAccount other;

    @BeforeAll
    static void start() {
        http = new RawHttpClient(SERVER.port());
        owner = SERVER.node().iam().systemAccount();
        other = SERVER.node().iam().createAccount("acl-raw-other");
    }

    // ---- canned ACLs, grant headers and what they let in ----

    @Test
    void aPublicReadObjectIsReadableAnonymouslyAndAPrivateOneIsNot() throws IOException {
        String bucket = bucket();
        assertEquals(200, send(put(bucket, "public").header("x-amz-acl", "public-read").signed()).status());
        assertEquals(200, send(put(bucket, "private").signed()).status());
        Response read = send(request("GET", "/" + bucket + "/public", ""));
        assertEquals(200, read.status(), read.text());
        assertArrayEquals(BODY, read.body());
        assertEquals(200, send(request("HEAD", "/" + bucket + "/public", "")).status());
        assertError(send(request("GET", "/" + bucket + "/private", "")), 403, "AccessDenied");
        assertError(send(request("GET", "/" + bucket + "/missing", "")), 403, "AccessDenied");
        assertError(send(request("GET", "/" + bucket, "list-type=2")), 403, "AccessDenied");
        String acl = send(request("GET", "/" + bucket + "/public", "acl").signed()).text();
        assertTrue(acl.contains("<Owner><ID>" + owner.canonicalId() + "</ID><DisplayName>" + owner.name()
                + "</DisplayName></Owner>"), acl);
        assertTrue(acl.contains("<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                + "xsi:type=\"CanonicalUser\"><ID>" + owner.canonicalId() + "</ID><DisplayName>" + owner.name()
                + "</DisplayName></Grantee><Permission>FULL_CONTROL</Permission></Grant><Grant><Grantee "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"Group\"><URI>" + ALL_USERS
                + "</URI></Grantee><Permission>READ</Permission></Grant>"), acl);
    }

    @Test
    void aPublicReadWriteBucketTakesAnonymousWritesAndListings() throws IOException {
        String bucket = GranaryServerExtension.newBucket();
        assertEquals(200, send(request("PUT", "/" + bucket, "").header("x-amz-acl", "public-read-write").signed())
                .status());
        assertEquals(200, send(request("PUT", "/" + bucket + "/dropped", "").body(BODY)).status());
        Response listing = send(request("GET", "/" + bucket, "list-type=2"));
        assertEquals(200, listing.status(), listing.text());
        assertTrue(listing.text().contains("<Key>dropped</Key>"), listing.text());
        // The object's own ACL is private to its owner (the bucket owner, for an anonymous writer).
        assertError(send(request("GET", "/" + bucket + "/dropped", "")), 403, "AccessDenied");
        assertEquals(200, send(request("GET", "/" + bucket + "/dropped", "").signed()).status());
        assertEquals(204, send(request("DELETE", "/" + bucket + "/dropped", "")).status());
    }

    @Test
    void grantHeadersAreStoredInOrderAndLetTheNamedAccountIn() throws IOException {
        String bucket = bucket();
        String grantee = other.account().canonicalId();
        assertEquals(200, send(put(bucket, "granted").header("x-amz-grant-read", "id=\"" + grantee + "\"")
                .header("x-amz-grant-full-control", "id=" + owner.canonicalId() + ", uri=\"" + ALL_USERS + "\"")
                .signed()).status());
        String acl = send(request("GET", "/" + bucket + "/granted", "acl").signed()).text();
        int read = acl.indexOf("<ID>" + grantee + "</ID><DisplayName>acl-raw-other</DisplayName></Grantee>"
                + "<Permission>READ</Permission>");
        int full = acl.indexOf("<ID>" + owner.canonicalId() + "</ID><DisplayName>" + owner.name()
                + "</DisplayName></Grantee><Permission>FULL_CONTROL</Permission>");
        int group = acl.indexOf("<URI>" + ALL_USERS + "</URI></Grantee><Permission>FULL_CONTROL</Permission>");
        assertTrue(read > 0 && full > read && group > full, acl);
        assertEquals(200, send(asOther(request("GET", "/" + bucket + "/granted", ""))).status());
        assertEquals(200, send(request("GET", "/" + bucket + "/granted", "acl")).status(), "AllUsers READ_ACP");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "x-amz-acl | public-everything | 400 | InvalidArgument",
        "x-amz-grant-read | emailAddress=\"someone@example.com\" | 400 | UnresolvableGrantByEmailAddress",
        "x-amz-grant-read | id=\"0000000000000000000000000000000000000000000000000000000000000000\" | 400 "
            + "| InvalidArgument",
        "x-amz-grant-write | uri=\"http://acs.amazonaws.com/groups/global/Nobody\" | 400 | InvalidArgument",
        "x-amz-grant-read-acp | name=\"x\" | 400 | InvalidArgument",
    })
    void aBadAclIsRefusedAndNothingIsWritten(String header, String value, int status, String code)
            throws IOException {
        String bucket = bucket();
        assertError(send(put(bucket, "refused").header(header, value).signed()), status, code);
        assertError(send(request("GET", "/" + bucket + "/refused", "").signed()), 404, "NoSuchKey");
        assertEquals(200, send(put(bucket, "kept").signed()).status());
        assertError(send(request("PUT", "/" + bucket + "/kept", "acl").header(header, value).signed()), status, code);
        assertError(send(request("PUT", "/" + bucket, "acl").header(header, value).signed()), status, code);
        assertError(send(request("PUT", "/" + bucket, "").header(header, value).signed()), status, code);
    }

    @Test
    void aCannedAclWithGrantHeadersIsInvalidRequest() throws IOException {
        String bucket = bucket();
        assertError(send(put(bucket, "both").header("x-amz-acl", "private").header("x-amz-grant-read",
                "uri=\"" + ALL_USERS + "\"").signed()), 400, "InvalidRequest");
        assertError(send(request("PUT", "/" + bucket, "acl").header("x-amz-acl", "public-read")
                .header("x-amz-grant-write", "id=" + owner.canonicalId()).signed()), 400, "InvalidRequest");
    }

    @Test
    void anAccessControlPolicyBodyIsSetAndReadBackExactly() throws IOException {
        String bucket = bucket();
        String policy = "<AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Owner><ID>"
                + owner.canonicalId() + "</ID></Owner><AccessControlList>"
                + grant("CanonicalUser", "<ID>" + other.account().canonicalId() + "</ID>", "WRITE")
                + grant("Group", "<URI>" + ALL_USERS + "</URI>", "READ")
                + grant("CanonicalUser", "<ID>" + owner.canonicalId() + "</ID>", "FULL_CONTROL")
                + "</AccessControlList></AccessControlPolicy>";
        assertEquals(200, send(request("PUT", "/" + bucket, "acl").body(bytes(policy)).signed()).status());
        String acl = send(request("GET", "/" + bucket, "acl").signed()).text();
        assertTrue(acl.matches("(?s).*<AccessControlList><Grant>.*<ID>" + other.account().canonicalId()
                + "</ID>.*<Permission>WRITE</Permission></Grant><Grant>.*<URI>" + ALL_USERS
                + "</URI>.*<Permission>READ</Permission></Grant><Grant>.*<ID>" + owner.canonicalId()
                + "</ID>.*<Permission>FULL_CONTROL</Permission></Grant></AccessControlList>.*"), acl);
        // WRITE on the bucket lets the other account put objects; READ lets anyone list.
        assertEquals(200, send(asOther(request("PUT", "/" + bucket + "/from-other", "").body(BODY))).status());
        assertEquals(200, send(request("GET", "/" + bucket, "list-type=2")).status());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not xml at all | MalformedACLError",
        "<AccessControlPolicy><AccessControlList/></AccessControlPolicy> | MalformedACLError",
        "<AccessControlPolicy><Owner><ID>OWNER</ID></Owner><AccessControlList><Grant><Grantee><ID>OWNER</ID>"
            + "</Grantee><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy> "
            + "| MalformedACLError",
        "<AccessControlPolicy><Owner><ID>OWNER</ID></Owner><AccessControlList>GRANT(Group,<URI>http://example.com/"
            + "</URI>,READ)</AccessControlList></AccessControlPolicy> | InvalidArgument",
        "<AccessControlPolicy><Owner><ID>OWNER</ID></Owner><AccessControlList>GRANT(CanonicalUser,<ID>OWNER</ID>,"
            + "EVERYTHING)</AccessControlList></AccessControlPolicy> | MalformedACLError",
        "<AccessControlPolicy><Owner><ID>OWNER</ID></Owner><AccessControlList>GRANT(AmazonCustomerByEmail,"
            + "<EmailAddress>a@example.com</EmailAddress>,READ)</AccessControlList></AccessControlPolicy> "
            + "| UnresolvableGrantByEmailAddress",
    })
    void aBadAccessControlPolicyIsRefused(String document, String code) throws IOException {
        String bucket = bucket();
        String body = document.replace("OWNER", owner.canonicalId()).replaceAll("GRANT\\((\\w+),(.*?),(\\w+)\\)",
                "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"$1\">$2"
                        + "</Grantee><Permission>$3</Permission></Grant>");
        assertError(send(request("PUT", "/" + bucket, "acl").body(bytes(body)).signed()), 400, code);
        assertEquals(200, send(put(bucket, "target").signed()).status());
        assertError(send(request("PUT", "/" + bucket + "/target", "acl").body(bytes(body)).signed()), 400, code);
    }

    @Test
    void aPutAclWithNeitherHeadersNorBodyIsRefused() throws IOException {
        String bucket = bucket();
        assertError(send(request("PUT", "/" + bucket, "acl").signed()), 400, "MissingSecurityHeader");
    }

    @Test
    void copyAndMultipartUploadsGetTheAclTheyAskFor() throws IOException {
        String bucket = bucket();
        assertEquals(200, send(put(bucket, "source").signed()).status());
        assertEquals(200, send(request("PUT", "/" + bucket + "/copy", "").header("x-amz-copy-source",
                "/" + bucket + "/source").header("x-amz-acl", "public-read").signed()).status());
        assertEquals(200, send(request("GET", "/" + bucket + "/copy", "")).status());
        assertError(send(request("GET", "/" + bucket + "/source", "")), 403, "AccessDenied");
        Response created = send(request("POST", "/" + bucket + "/mpu", "uploads").header("x-amz-acl", "public-read")
                .signed());
        String uploadId = between(created.text(), "<UploadId>", "</UploadId>");
        Response part = send(request("PUT", "/" + bucket + "/mpu", "partNumber=1&uploadId=" + uploadId).body(BODY)
                .signed());
        assertEquals(200, part.status(), part.text());
        String complete = "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>" + part.header("etag")
                + "</ETag></Part></CompleteMultipartUpload>";
        assertError(send(request("GET", "/" + bucket + "/mpu", "")), 403, "AccessDenied");
        assertEquals(200, send(request("POST", "/" + bucket + "/mpu", "uploadId=" + uploadId).body(bytes(complete))
                .signed()).status());
        Response read = send(request("GET", "/" + bucket + "/mpu", ""));
        assertEquals(200, read.status(), read.text());
        assertArrayEquals(BODY, read.body());
    }

    // ---- policies and ACLs together ----

    @Test
    void anExplicitDenyInTheBucketPolicyBeatsAPublicReadGrant() throws IOException {
        String bucket = bucket();
        assertEquals(200, send(put(bucket, "denied/k").header("x-amz-acl", "public-read").signed()).status());
        assertEquals(200, send(put(bucket, "open/k").header("x-amz-acl", "public-read").signed()).status());
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/denied/*\"}]}";
        assertEquals(204, send(request("PUT", "/" + bucket, "policy").body(bytes(policy)).signed()).status());
        assertError(send(request("GET", "/" + bucket + "/denied/k", "")), 403, "AccessDenied");
        assertError(send(asOther(request("GET", "/" + bucket + "/denied/k", ""))), 403, "AccessDenied");
        assertEquals(200, send(request("GET", "/" + bucket + "/open/k", "")).status());
    }

    // ---- ownership controls ----

    @Test
    void ownershipControlsAreStoredAndBucketOwnerEnforcedDisablesAcls() throws IOException {
        String bucket = bucket();
        assertError(send(request("GET", "/" + bucket, "ownershipControls").signed()), 404,
                "OwnershipControlsNotFoundError");
        assertEquals(200, send(put(bucket, "was-public").header("x-amz-acl", "public-read").signed()).status());
        assertEquals(200, send(request("GET", "/" + bucket + "/was-public", "")).status());
        assertEquals(200, send(request("PUT", "/" + bucket, "ownershipControls").body(bytes(ownership(
                "BucketOwnerEnforced"))).signed()).status());
        assertTrue(send(request("GET", "/" + bucket, "ownershipControls").signed()).text()
                .contains("<Rule><ObjectOwnership>BucketOwnerEnforced</ObjectOwnership></Rule>"));
        assertError(send(put(bucket, "k").header("x-amz-acl", "public-read").signed()), 400,
                "AccessControlListNotSupported");
        assertError(send(request("PUT", "/" + bucket, "acl").header("x-amz-grant-read", "uri=\"" + ALL_USERS + "\"")
                .signed()), 400, "AccessControlListNotSupported");
        assertEquals(200, send(put(bucket, "k").header("x-amz-acl", "bucket-owner-full-control").signed()).status());
        // ACLs no longer count: the object set public before is private now.
        assertError(send(request("GET", "/" + bucket + "/was-public", "")), 403, "AccessDenied");
        String acl = send(request("GET", "/" + bucket + "/was-public", "acl").signed()).text();
        assertTrue(acl.contains("<ID>" + owner.canonicalId() + "</ID>") && !acl.contains(ALL_USERS), acl);
        assertEquals(204, send(request("DELETE", "/" + bucket, "ownershipControls").signed()).status());
        assertEquals(200, send(request("GET", "/" + bucket + "/was-public", "")).status());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "<OwnershipControls><Rule><ObjectOwnership>Everyone</ObjectOwnership></Rule></OwnershipControls>",
        "<OwnershipControls/>",
        "not xml",
    })
    void badOwnershipControlsAreMalformedXml(String body) throws IOException {
        assertError(send(request("PUT", "/" + bucket(), "ownershipControls").body(bytes(body)).signed()), 400,
                "MalformedXML");
    }

    @Test
    void bucketOwnerEnforcedCannotBeSetOverAPublicBucketAclNorCreatedWithOne() throws IOException {
        String bucket = GranaryServerExtension.newBucket();
        assertEquals(200, send(request("PUT", "/" + bucket, "").header("x-amz-acl", "public-read").signed())
                .status());
        assertError(send(request("PUT", "/" + bucket, "ownershipControls").body(bytes(ownership(
                "BucketOwnerEnforced"))).signed()), 400, "InvalidBucketAclWithObjectOwnership");
        String enforced = GranaryServerExtension.newBucket();
        assertError(send(request("PUT", "/" + enforced, "").header("x-amz-acl", "public-read")
                .header("x-amz-object-ownership", "BucketOwnerEnforced").signed()), 400,
                "InvalidBucketAclWithObjectOwnership");
        assertEquals(200, send(request("PUT", "/" + enforced, "").header("x-amz-object-ownership",
                "BucketOwnerEnforced").signed()).status());
        assertTrue(send(request("GET", "/" + enforced, "ownershipControls").signed()).text()
                .contains("<ObjectOwnership>BucketOwnerEnforced</ObjectOwnership>"));
        assertError(send(request("PUT", "/" + GranaryServerExtension.newBucket(), "").header("x-amz-object-ownership",
                "Nobody").signed()), 400, "InvalidArgument");
    }

    // ---- public access block ----

    @Test
    void blockPublicAclsRefusesPublicAclsWithAccessDenied() throws IOException {
        String bucket = bucket();
        assertError(send(request("GET", "/" + bucket, "publicAccessBlock").signed()), 404,
                "NoSuchPublicAccessBlockConfiguration");
        assertEquals(200, send(request("PUT", "/" + bucket, "publicAccessBlock").body(bytes(block(true, false, false,
                false))).signed()).status());
        assertTrue(send(request("GET", "/" + bucket, "publicAccessBlock").signed()).text().contains(
                "<BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>false</IgnorePublicAcls>"
                        + "<BlockPublicPolicy>false</BlockPublicPolicy><RestrictPublicBuckets>false"
                        + "</RestrictPublicBuckets>"));
        assertError(send(put(bucket, "k").header("x-amz-acl", "public-read").signed()), 403, "AccessDenied");
        assertError(send(put(bucket, "k").header("x-amz-grant-read", "uri=\"http://acs.amazonaws.com/groups/global/"
                + "AuthenticatedUsers\"").signed()), 403, "AccessDenied");
        assertError(send(request("PUT", "/" + bucket, "acl").header("x-amz-acl", "public-read-write").signed()), 403,
                "AccessDenied");
        assertEquals(200, send(put(bucket, "k").header("x-amz-acl", "private").signed()).status());
        assertEquals(204, send(request("DELETE", "/" + bucket, "publicAccessBlock").signed()).status());
        assertEquals(200, send(put(bucket, "k").header("x-amz-acl", "public-read").signed()).status());
    }

    @Test
    void ignorePublicAclsHidesPublicGrantsUntilRemoved() throws IOException {
        String bucket = bucket();
        assertEquals(200, send(put(bucket, "k").header("x-amz-acl", "public-read").signed()).status());
        assertEquals(200, send(request("PUT", "/" + bucket, "publicAccessBlock").body(bytes(block(false, true, false,
                false))).signed()).status());
        assertError(send(request("GET", "/" + bucket + "/k", "")), 403, "AccessDenied");
        assertEquals(204, send(request("DELETE", "/" + bucket, "publicAccessBlock").signed()).status());
        assertEquals(200, send(request("GET", "/" + bucket + "/k", "")).status());
    }

    @Test
    void blockPublicPolicyAndRestrictPublicBucketsAndThePolicyStatus() throws IOException {
        String bucket = bucket();
        assertEquals(200, send(put(bucket, "k").signed()).status());
        assertError(send(request("GET", "/" + bucket, "policyStatus").signed()), 404, "NoSuchBucketPolicy");
        String open = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}";
        String narrowed = open.replace("}]}", ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"127.0.0.1/32\"}}}]}");
        assertEquals(200, send(request("PUT", "/" + bucket, "publicAccessBlock").body(bytes(block(false, false, true,
                false))).signed()).status());
        assertError(send(request("PUT", "/" + bucket, "policy").body(bytes(open)).signed()), 403, "AccessDenied");
        assertEquals(204, send(request("PUT", "/" + bucket, "policy").body(bytes(narrowed)).signed()).status());
        assertTrue(send(request("GET", "/" + bucket, "policyStatus").signed()).text()
                .contains("<PolicyStatus xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><IsPublic>false</IsPublic>"));
        assertEquals(200, send(request("PUT", "/" + bucket, "publicAccessBlock").body(bytes(block(false, false, false,
                true))).signed()).status());
        assertEquals(204, send(request("PUT", "/" + bucket, "policy").body(bytes(open)).signed()).status());
        assertTrue(send(request("GET", "/" + bucket, "policyStatus").signed()).text()
                .contains("<IsPublic>true</IsPublic>"));
        assertError(send(request("GET", "/" + bucket + "/k", "")), 403, "AccessDenied");
        assertError(send(asOther(request("GET", "/" + bucket + "/k", ""))), 403, "AccessDenied");
        assertEquals(200, send(request("GET", "/" + bucket + "/k", "").signed()).status());
        assertEquals(204, send(request("DELETE", "/" + bucket, "publicAccessBlock").signed()).status());
        assertEquals(200, send(request("GET", "/" + bucket + "/k", "")).status());
    }

    @Test
    void aBadPublicAccessBlockIsMalformedXml() throws IOException {
        assertError(send(request("PUT", "/" + bucket(), "publicAccessBlock").body(bytes("<Public")).signed()), 400,
                "MalformedXML");
    }

    // ---- expected bucket owner ----

    @Test
    void theExpectedBucketOwnerIsCheckedAgainstTheBucketsAccount() throws IOException {
        String bucket = bucket();
        assertEquals(200, send(put(bucket, "k").header("x-amz-expected-bucket-owner", owner.accountId()).signed())
                .status());
        assertEquals(200, send(request("GET", "/" + bucket + "/k", "").header("x-amz-expected-bucket-owner",
                owner.accountId()).signed()).status());
        assertError(send(request("GET", "/" + bucket + "/k", "").header("x-amz-expected-bucket-owner",
                other.account().accountId()).signed()), 403, "AccessDenied");
        assertError(send(request("GET", "/" + bucket, "acl").header("x-amz-expected-bucket-owner",
                other.account().accountId()).signed()), 403, "AccessDenied");
        RawRequest copy = request("PUT", "/" + bucket + "/copy", "").header("x-amz-copy-source", "/" + bucket + "/k");
        assertError(send(copy.header("x-amz-source-expected-bucket-owner", other.account().accountId()).signed()),
                403, "AccessDenied");
        assertEquals(200, send(request("PUT", "/" + bucket + "/copy", "").header("x-amz-copy-source",
                "/" + bucket + "/k").header("x-amz-source-expected-bucket-owner", owner.accountId())
                .header("x-amz-expected-bucket-owner", owner.accountId()).signed()).status());
    }

    // ---- helpers ----

    private static String bucket() throws IOException {
        String bucket = GranaryServerExtension.newBucket();
        assertEquals(200, send(request("PUT", "/" + bucket, "").signed()).status());
        return bucket;
    }

    private static RawRequest request(String method, String path, String query) {
        return RawRequest.of(method, path, query).header("Host", "127.0.0.1:" + SERVER.port());
    }

    /** A PUT of {@link #BODY}, signed by the caller (add headers first, then sign). */
    private static RawRequest put(String bucket, String key) {
        return request("PUT", "/" + bucket + "/" + key, "").body(BODY);
    }

    private static Response send(RawRequest request) throws IOException {
        return http.send(request.wire());
    }

    /** Signs {@code request} (whose body is set) with the other account's root key. */
    private static RawRequest asOther(RawRequest request) {
        return request.sign(new RawRequest.Signing(Instant.now(), other.rootKey().accessKeyId(),
                other.rootKey().secretKey()), RawRequest.UNSIGNED);
    }

    private static String grant(String type, String grantee, String permission) {
        return "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"" + type + "\">"
                + grantee + "</Grantee><Permission>" + permission + "</Permission></Grant>";
    }

    private static String ownership(String rule) {
        return "<OwnershipControls xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Rule><ObjectOwnership>" + rule
                + "</ObjectOwnership></Rule></OwnershipControls>";
    }

    private static String block(boolean acls, boolean ignore, boolean policy, boolean restrict) {
        return "<PublicAccessBlockConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><BlockPublicAcls>"
                + acls + "</BlockPublicAcls><IgnorePublicAcls>" + ignore + "</IgnorePublicAcls><BlockPublicPolicy>"
                + policy + "</BlockPublicPolicy><RestrictPublicBuckets>" + restrict + "</RestrictPublicBuckets>"
                + "</PublicAccessBlockConfiguration>";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String between(String text, String open, String close) {
        int start = text.indexOf(open) + open.length();
        return text.substring(start, text.indexOf(close, start));
    }
}
