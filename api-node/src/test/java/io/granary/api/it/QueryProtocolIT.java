package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.cli.admin.RequestSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Query protocol on the wire, with requests an SDK would not send: the exact response and error
 * documents, unknown and missing actions, a wrong API version, an oversized body, a body that does not
 * match its declared hash, and unsigned calls.
 */
@Timeout(60)
class QueryProtocolIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern REQUEST_ID = Pattern.compile("<RequestId>([0-9A-F]+)</RequestId>");

    private static HttpResponse<String> post(String service, String form, Map<String, String> extraHeaders)
            throws Exception {
        URI uri = URI.create(SERVER.endpoint() + "/");
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        if (service != null) {
            new RequestSigner(GranaryServerExtension.ACCESS_KEY, GranaryServerExtension.SECRET_KEY, "us-east-1")
                    .sign(service, "POST", uri, body, Instant.now()).forEach(request::header);
        }
        extraHeaders.forEach(request::setHeader);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, String code, String namespace) {
        assertEquals(status, response.statusCode(), response.body());
        String body = response.body();
        assertTrue(body.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ErrorResponse xmlns=\"" + namespace
                + "\"><Error><Type>Sender</Type><Code>" + code + "</Code><Message>"), body);
        Matcher id = REQUEST_ID.matcher(body);
        assertTrue(id.find(), body);
        assertEquals(response.headers().firstValue("x-amz-request-id").orElseThrow(), id.group(1));
    }

    @Test
    void createUserAnswerHasIamsExactShape() throws Exception {
        HttpResponse<String> response = post("iam", "Action=CreateUser&Version=2010-05-08&UserName=wire-user",
                Map.of());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("text/xml", response.headers().firstValue("Content-Type").orElseThrow());
        String body = response.body();
        String account = SERVER.node().iam().systemAccount().accountId();
        assertTrue(body.matches("<\\?xml version=\"1.0\" encoding=\"UTF-8\"\\?><CreateUserResponse xmlns=\"https://iam"
                + "\\.amazonaws\\.com/doc/2010-05-08/\"><CreateUserResult><User><Path>/</Path><UserName>wire-user"
                + "</UserName><UserId>GU[A-Z0-9]{18}</UserId><Arn>arn:aws:iam::" + account + ":user/wire-user</Arn>"
                + "<CreateDate>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z</CreateDate></User>"
                + "</CreateUserResult><ResponseMetadata><RequestId>[0-9A-F]+</RequestId></ResponseMetadata>"
                + "</CreateUserResponse>"), body);
    }

    @Test
    void unknownMissingAndMisversionedActions() throws Exception {
        String iam = "https://iam.amazonaws.com/doc/2010-05-08/";
        assertError(post("iam", "Action=LaunchRockets&Version=2010-05-08", Map.of()), 400, "InvalidAction", iam);
        assertError(post("iam", "Version=2010-05-08", Map.of()), 400, "MissingAction", iam);
        assertError(post("iam", "Action=ListUsers&Version=2011-06-15", Map.of()), 400, "InvalidAction", iam);
        // An IAM action sent to STS is unknown there.
        assertError(post("sts", "Action=ListUsers&Version=2011-06-15", Map.of()), 400, "InvalidAction",
                "https://sts.amazonaws.com/doc/2011-06-15/");
        assertError(post("iam", "Action=GetUser&Version=2010-05-08&UserName=", Map.of()), 400, "ValidationError", iam);
    }

    @Test
    void bodyMustMatchItsHashAndStayUnderTheLimit() throws Exception {
        String iam = "https://iam.amazonaws.com/doc/2010-05-08/";
        assertError(post("iam", "Action=ListUsers&Version=2010-05-08", Map.of("x-amz-content-sha256",
                "0".repeat(64))), 403, "SignatureDoesNotMatch", iam);
        String big = "Action=ListUsers&Version=2010-05-08&Padding=" + "x".repeat(200 * 1024);
        assertError(post("iam", big, Map.of()), 413, "RequestEntityTooLarge", iam);
    }

    @Test
    void unsignedQueryCallsAreRefused() throws Exception {
        String sts = "https://sts.amazonaws.com/doc/2011-06-15/";
        assertError(post(null, "Action=GetCallerIdentity&Version=2011-06-15", Map.of()), 403,
                "MissingAuthenticationToken", sts);
        assertError(post(null, "Action=AssumeRoleWithSAML&Version=2011-06-15", Map.of()), 400, "InvalidAction", sts);
    }
}
