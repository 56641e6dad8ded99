package io.granary.api.console;

import io.granary.api.cli.admin.RequestSigner;
import io.granary.iam.policy.MalformedPolicyException;
import io.granary.iam.policy.Policy;
import io.granary.iam.sigv4.PresignedQuery;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's own endpoints under {@code /api/}: login and logout, the session, presigned share links,
 * policy validation with the server's parser, the metrics history, and the IAM Query relay. Everything a
 * session does beyond that is a real S3, admin or IAM request signed as its identity ({@link LoopbackS3}).
 */
final class ConsoleApi {
    static final String COOKIE = "granary_console";
    private static final int SMALL_BODY = 64 * 1024;
    private static final Pattern S3_CODE = Pattern.compile("<Code>([^<]+)</Code>");

    private final LoopbackS3 loopback;
    private final Sessions sessions;
    private final MetricsHistory history;
    private final Clock clock;
    private final String region;
    private final boolean secureCookie;

    ConsoleApi(LoopbackS3 loopback, Sessions sessions, MetricsHistory history, Clock clock, String region,
            boolean secureCookie) {
        this.loopback = loopback;
        this.sessions = sessions;
        this.history = history;
        this.clock = clock;
        this.region = region;
        this.secureCookie = secureCookie;
    }

    /**
     * {@code POST /api/login} with {@code {"accessKeyId","secretAccessKey"}}: the pair is proved by a signed
     * ListBuckets (any answer but a bad-key or bad-signature refusal proves it, so an identity allowed
     * nothing can still log in and see a console that refuses everything), and admin rights by a signed
     * {@code GET /_admin/heal}.
     */
    void login(HttpServerRequest request) {
        BoundedBody.read(request, SMALL_BODY).onSuccess(body -> {
            JsonObject json;
            try {
                json = body.toJsonObject();
            } catch (DecodeException | ClassCastException e) {
                ConsoleResponses.error(request.response(), 400, "MalformedJSON", "Expected a JSON object");
                return;
            }
            String key = json.getValue("accessKeyId") instanceof String s ? s.trim() : "";
            String secret = json.getValue("secretAccessKey") instanceof String s ? s : "";
            if (key.isEmpty() || secret.isEmpty()) {
                ConsoleResponses.error(request.response(), 400, "InvalidArgument",
                        "Both the access key and the secret are required");
                return;
            }
            verify(key, secret).onSuccess(session -> loggedIn(request.response(), session))
                    .onFailure(e -> refused(request.response(), e));
        }).onFailure(e -> refused(request.response(), e));
    }

    private Future<ConsoleSession> verify(String key, String secret) {
        ConsoleSession candidate = new ConsoleSession("", key, secret, "", false, 0, 0);
        return loopback.call(candidate, "s3", HttpMethod.GET, "/").compose(answer -> {
            String code = answer.status() == 200 ? null : s3Code(answer.body());
            if (answer.status() != 200 && !"AccessDenied".equals(code)) {
                return Future.failedFuture(new LoginRefused(code == null ? "AccessDenied" : code));
            }
            return loopback.call(candidate, "s3", HttpMethod.GET, "/_admin/heal")
                    .map(admin -> sessions.open(key, secret, admin.status() == 200));
        });
    }

    private void loggedIn(HttpServerResponse response, ConsoleSession session) {
        response.addCookie(Cookie.cookie(COOKIE, session.id()).setHttpOnly(true).setSecure(secureCookie)
                .setSameSite(CookieSameSite.STRICT).setPath("/").setMaxAge(sessions.cookieMaxAgeSeconds(session)));
        ConsoleResponses.json(response, 200, describe(session));
    }

    private static void refused(HttpServerResponse response, Throwable e) {
        if (e instanceof LoginRefused refused) {
            ConsoleResponses.error(response, 403, refused.getMessage(),
                    "The access key does not exist or the secret does not match it");
        } else if (e instanceof BoundedBody.TooLarge) {
            ConsoleResponses.error(response, 400, "MaxMessageLengthExceeded", e.getMessage());
        } else {
            ConsoleResponses.error(response, 502, "S3Unreachable", "The console could not reach the S3 listener");
        }
    }

    /** {@code POST /api/logout}: the session ends here and now, and the browser is told to forget the cookie. */
    void logout(HttpServerRequest request, ConsoleSession session) {
        sessions.close(session.id());
        request.response().addCookie(Cookie.cookie(COOKIE, "").setHttpOnly(true).setSecure(secureCookie)
                .setSameSite(CookieSameSite.STRICT).setPath("/").setMaxAge(0));
        ConsoleResponses.json(request.response(), 200, new JsonObject().put("loggedOut", true));
    }

    /** {@code GET /api/session}: who is logged in, and the CSRF token the page must send back. */
    void session(HttpServerRequest request, ConsoleSession session) {
        ConsoleResponses.json(request.response(), 200, describe(session));
    }

    private JsonObject describe(ConsoleSession session) {
        return new JsonObject().put("accessKeyId", session.accessKeyId()).put("admin", session.admin())
                .put("csrfToken", session.csrfToken()).put("region", region);
    }

    /**
     * {@code GET /api/presign?bucket=B&key=K&expires=S}: a presigned GET of the object on the S3 listener,
     * on the host name the browser used for the console, signed with the session's key; S3's limit of 7 days.
     */
    void presign(HttpServerRequest request, ConsoleSession session) {
        String bucket = request.getParam("bucket");
        String key = request.getParam("key");
        long expires = parseExpires(request.getParam("expires"));
        if (bucket == null || bucket.isEmpty() || key == null || key.isEmpty()) {
            ConsoleResponses.error(request.response(), 400, "InvalidArgument", "bucket and key are required");
        } else if (expires < 1 || expires > PresignedQuery.MAX_EXPIRES_SECONDS) {
            ConsoleResponses.error(request.response(), 400, "AuthorizationQueryParametersError",
                    "X-Amz-Expires must be between 1 and 604800 seconds");
        } else {
            String host = request.authority() == null ? "127.0.0.1" : request.authority().host();
            URI object = URI.create("http://" + host + ":" + loopback.port() + "/" + S3Paths.encode(bucket) + "/"
                    + S3Paths.encode(key));
            URI url = new RequestSigner(session.accessKeyId(), session.secretKey(), region)
                    .presign("GET", object, expires, clock.instant());
            ConsoleResponses.json(request.response(), 200, new JsonObject().put("url", url.toString())
                    .put("expiresSeconds", expires));
        }
    }

    private static long parseExpires(String value) {
        try {
            return value == null ? 3600 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * {@code POST /api/policy/validate}: parses the body with the same parser IAM's CreatePolicy uses, so the
     * editor shows the server's own verdict before anything is saved.
     */
    void validatePolicy(HttpServerRequest request) {
        BoundedBody.read(request, SMALL_BODY).onSuccess(body -> {
            try {
                Policy.parseIdentityPolicy(body.toString(StandardCharsets.UTF_8));
                ConsoleResponses.json(request.response(), 200, new JsonObject().put("valid", true));
            } catch (MalformedPolicyException e) {
                ConsoleResponses.error(request.response(), 400, "MalformedPolicyDocument", e.getMessage());
            }
        }).onFailure(e -> refused(request.response(), e));
    }

    /** {@code GET /api/metrics}: the last hour of throughput and latency (admins only, as the cluster page). */
    void metrics(HttpServerRequest request, ConsoleSession session) {
        if (!session.admin()) {
            ConsoleResponses.error(request.response(), 403, "AccessDenied", "Only administrators see the metrics");
        } else {
            ConsoleResponses.json(request.response(), 200, history.toJson());
        }
    }

    /**
     * {@code POST /api/iam}: an IAM Query form (as {@code aws iam} posts it) relayed to the node's IAM endpoint,
     * signed as the session; IAM's XML answer, errors included, goes back unchanged.
     */
    void iam(HttpServerRequest request, ConsoleSession session) {
        BoundedBody.read(request, SMALL_BODY)
                .compose(form -> loopback.call(session, "iam", HttpMethod.POST, "/", form,
                        "application/x-www-form-urlencoded; charset=utf-8"))
                .onSuccess(answer -> {
                    HttpServerResponse response = request.response().setStatusCode(answer.status());
                    Optional.ofNullable(answer.contentType()).ifPresent(t -> response.putHeader("Content-Type", t));
                    response.end(answer.body());
                })
                .onFailure(e -> refused(request.response(), e));
    }

    private static String s3Code(Buffer body) {
        Matcher m = S3_CODE.matcher(body.toString(StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : null;
    }

    /** A login whose key or secret S3 refused; the message is S3's code. */
    private static final class LoginRefused extends RuntimeException {
        LoginRefused(String code) {
            super(code, null, false, false);
        }
    }
}
