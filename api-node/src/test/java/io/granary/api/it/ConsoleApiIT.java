package io.granary.api.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.iam.CreatedAccessKey;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's server side over plain HTTP (no browser): the login proves keys through S3 and refuses bad
 * ones with S3's codes, the session cookie's flags, CSRF refusals, logout revoking the session, a non-admin
 * refused the admin relay and the metrics, the progress event stream, the metrics history and the
 * validation and presign endpoints' refusals.
 */
@Timeout(120)
class ConsoleApiIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();
    @RegisterExtension
    static final ConsoleServerExtension CONSOLE = new ConsoleServerExtension(SERVER);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static CreatedAccessKey reader;

    /** A logged-in session: its cookie and CSRF token. */
    private record Login(String cookie, String csrf, HttpResponse<String> answer) {
    }

    @BeforeAll
    static void users() {
        reader = IamFixtures.user(SERVER.node().iam(), SERVER.node().iam().systemAccount().accountId(),
                "console-reader", IamFixtures.allow("[\"s3:GetObject\",\"s3:ListBucket\"]", "\"*\""));
    }

    @Test
    void servesTheFrontEndWithStrictHeadersAndNothingElseWithoutASession() throws Exception {
        HttpResponse<String> index = send("GET", "", null, Map.of());
        assertEquals(200, index.statusCode());
        assertTrue(index.body().contains("<script type=\"module\" src=\"/assets/app.js\">"), index.body());
        assertTrue(index.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'self'"));
        assertEquals("DENY", index.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals(200, send("GET", "assets/app.js", null, Map.of()).statusCode());
        assertError(404, "NotFound", send("GET", "assets/../pom.xml", null, Map.of()));
        assertError(401, "NotLoggedIn", send("GET", "api/session", null, Map.of()));
        assertError(401, "NotLoggedIn", send("GET", "s3/", null, Map.of()));
        assertError(401, "NotLoggedIn", send("GET", "s3/", null, Map.of("Cookie", "granary_console=forged")));
    }

    @Test
    void loginRefusesBadKeysWithS3sCodesAndCrossSitePosts() throws Exception {
        assertError(403, "SignatureDoesNotMatch", login(GranaryServerExtension.ACCESS_KEY, "wrong", Map.of()).answer());
        assertError(403, "InvalidAccessKeyId", login("GKNOSUCHKEY000000000", "x", Map.of()).answer());
        assertError(400, "InvalidArgument", login("", "", Map.of()).answer());
        assertError(400, "MalformedJSON", send("POST", "api/login", "[1,", Map.of("Content-Type", "application/json")));
        assertError(403, "AccessDenied", login(GranaryServerExtension.ACCESS_KEY, GranaryServerExtension.SECRET_KEY,
                Map.of("Origin", "http://evil.example")).answer());
    }

    @Test
    void sessionCookieIsHttpOnlyStrictAndLogoutRevokesIt() throws Exception {
        Login root = loginAsRoot();
        String setCookie = root.answer().headers().firstValue("Set-Cookie").orElseThrow();
        for (String flag : List.of("httponly", "samesite=strict", "path=/", "max-age=")) {
            assertTrue(setCookie.toLowerCase(Locale.ROOT).contains(flag), setCookie);
        }
        JsonObject session = new JsonObject(send("GET", "api/session", null, Map.of("Cookie", root.cookie())).body());
        assertEquals(GranaryServerExtension.ACCESS_KEY, session.getString("accessKeyId"));
        assertEquals(true, session.getBoolean("admin"));
        assertEquals(root.csrf(), session.getString("csrfToken"));

        assertError(403, "InvalidCsrfToken", send("POST", "api/logout", "", Map.of("Cookie", root.cookie())));
        assertError(403, "InvalidCsrfToken", send("POST", "api/logout", "", Map.of("Cookie", root.cookie(),
                "X-CSRF-Token", "guessed")));
        assertEquals(200, send("POST", "api/logout", "", Map.of("Cookie", root.cookie(), "X-CSRF-Token",
                root.csrf())).statusCode());
        assertError(401, "NotLoggedIn", send("GET", "api/session", null, Map.of("Cookie", root.cookie())));
    }

    @Test
    void stateChangingRelaysNeedTheCsrfTokenAndRunAsTheSessionsIdentity() throws Exception {
        Login root = loginAsRoot();
        String bucket = GranaryServerExtension.newBucket();
        assertError(403, "InvalidCsrfToken", send("PUT", "s3/" + bucket, "", Map.of("Cookie", root.cookie())));
        assertEquals(200, send("PUT", "s3/" + bucket, "", withCsrf(root)).statusCode());
        assertEquals(200, send("PUT", "s3/" + bucket + "/k", "hello", withCsrf(root)).statusCode());

        Login user = login(reader.accessKeyId(), reader.secretKey(), Map.of());
        assertEquals(200, user.answer().statusCode(), user.answer().body());
        assertEquals(false, new JsonObject(user.answer().body()).getBoolean("admin"));
        assertEquals("hello", send("GET", "s3/" + bucket + "/k", null, Map.of("Cookie", user.cookie())).body());
        HttpResponse<String> refused = send("PUT", "s3/" + bucket + "/k2", "nope", withCsrf(user));
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("<Code>AccessDenied</Code>") && refused.body().contains("<RequestId>"),
                refused.body());
        assertError(403, "AccessDenied", send("GET", "admin/status", null, Map.of("Cookie", user.cookie())));
        assertError(403, "AccessDenied", send("GET", "api/metrics", null, Map.of("Cookie", user.cookie())));
        assertEquals(404, send("GET", "s3/" + bucket + "/k2", null, Map.of("Cookie", root.cookie())).statusCode());
    }

    @Test
    void progressStreamsAsServerSentEventsAndTheChartFills() throws Exception {
        Login root = loginAsRoot();
        HttpResponse<Stream<String>> events = HTTP.send(request("GET", "api/events", null,
                Map.of("Cookie", root.cookie())).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals("text/event-stream", events.headers().firstValue("Content-Type").orElse(""));
        Optional<String> data;
        try (Stream<String> lines = events.body()) {
            data = lines.filter(l -> l.startsWith("data: ")).findFirst();
        }
        JsonObject progress = new JsonObject(data.orElseThrow().substring(6));
        assertEquals("heal", progress.getJsonObject("heal").getString("kind"));
        assertEquals("scrub", progress.getJsonObject("scrub").getString("kind"));

        send("GET", "s3/", null, Map.of("Cookie", root.cookie()));
        await().atMost(Duration.ofSeconds(20)).until(() -> new JsonObject(send("GET", "api/metrics", null,
                Map.of("Cookie", root.cookie())).body()).getJsonArray("points").stream()
                .anyMatch(p -> ((JsonObject) p).getDouble("requestsPerSecond") > 0));
    }

    @Test
    void recoveryDrillStreamsItsPerObjectLinesThroughTheAdminRelay() throws Exception {
        Login root = loginAsRoot();
        String bucket = GranaryServerExtension.newBucket();
        assertEquals(200, send("PUT", "s3/" + bucket, "", withCsrf(root)).statusCode());
        assertEquals(200, send("PUT", "s3/" + bucket + "/drilled", "x".repeat(300_000), withCsrf(root)).statusCode());
        HttpResponse<String> drill = send("POST", "admin/drill?nodes=node-1,node-4", "", withCsrf(root));
        assertEquals(200, drill.statusCode(), drill.body());
        List<JsonObject> lines = drill.body().lines().map(JsonObject::new).toList();
        assertTrue(lines.stream().anyMatch(l -> "drilled".equals(l.getString("key")) && l.getBoolean("ok")),
                drill.body());
        JsonObject summary = lines.get(lines.size() - 1).getJsonObject("summary");
        assertEquals(0, summary.getInteger("failed"), drill.body());
    }

    @Test
    void policyValidationAndPresignRefuseBadInput() throws Exception {
        Login root = loginAsRoot();
        assertError(400, "MalformedPolicyDocument", send("POST", "api/policy/validate",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Maybe\"}]}", withCsrf(root)));
        assertEquals(200, send("POST", "api/policy/validate", IamFixtures.allow("\"s3:GetObject\"", "\"*\""),
                withCsrf(root)).statusCode());
        assertError(400, "AuthorizationQueryParametersError", send("GET", "api/presign?bucket=b&key=k&expires=0",
                null, withCsrf(root)));
        assertError(400, "AuthorizationQueryParametersError", send("GET",
                "api/presign?bucket=b&key=k&expires=604801", null, withCsrf(root)));
        assertError(400, "InvalidArgument", send("GET", "api/presign?bucket=b", null, withCsrf(root)));
        assertError(400, "MaxMessageLengthExceeded", send("POST", "api/policy/validate", "x".repeat(70_000),
                withCsrf(root)));
    }

    private static Map<String, String> withCsrf(Login login) {
        return Map.of("Cookie", login.cookie(), "X-CSRF-Token", login.csrf());
    }

    private static Login loginAsRoot() throws IOException, InterruptedException {
        Login root = login(GranaryServerExtension.ACCESS_KEY, GranaryServerExtension.SECRET_KEY, Map.of());
        assertEquals(200, root.answer().statusCode(), root.answer().body());
        return root;
    }

    private static Login login(String key, String secret, Map<String, String> headers)
            throws IOException, InterruptedException {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Content-Type", "application/json");
        HttpResponse<String> answer = send("POST", "api/login", new JsonObject().put("accessKeyId", key)
                .put("secretAccessKey", secret).encode(), all);
        String cookie = answer.headers().firstValue("Set-Cookie").map(c -> c.substring(0, c.indexOf(';'))).orElse("");
        String csrf = answer.statusCode() == 200 ? new JsonObject(answer.body()).getString("csrfToken") : "";
        return new Login(cookie, csrf, answer);
    }

    private static void assertError(int status, String code, HttpResponse<String> answer) {
        assertEquals(status, answer.statusCode(), answer.body());
        assertEquals(code, new JsonObject(answer.body()).getString("code"), answer.body());
    }

    private static HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        return HTTP.send(request(method, path, body, headers).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(CONSOLE.base() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return builder;
    }
}
