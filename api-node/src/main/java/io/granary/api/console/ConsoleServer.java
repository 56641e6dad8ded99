package io.granary.api.console;

import io.granary.api.metrics.GranaryMetrics;
import io.granary.api.tls.ListenerTls;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The web console's listener (issue 20): the front end's files, the console's {@code /api/}, and relays of
 * the browser's S3 ({@code /s3/}), admin ({@code /admin/}) and IAM ({@code /api/iam}) requests to the node's
 * own S3 listener, signed as the logged-in identity. Every request but the files and the login needs a live
 * session cookie; every one that changes state also needs the session's CSRF token in {@code X-CSRF-Token}
 * (the cookie is SameSite=Strict as well).
 */
public final class ConsoleServer {
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /**
     * How the console reaches its node and keeps sessions.
     *
     * @param s3Host         the S3 listener's host (a wildcard is reached on loopback)
     * @param sampleInterval how often the throughput chart samples the metrics
     */
    public record Settings(String s3Host, int s3Port, String region, Duration idle, Duration lifetime,
            Duration sampleInterval) {
        public static Settings of(String s3Host, int s3Port, String region) {
            return new Settings(s3Host, s3Port, region, Duration.ofMinutes(30), Duration.ofHours(12),
                    Duration.ofSeconds(10));
        }

        public Settings withSampleInterval(Duration value) {
            return new Settings(s3Host, s3Port, region, idle, lifetime, value);
        }
    }

    private final Vertx vertx;
    private final StaticAssets assets = new StaticAssets();
    private final Sessions sessions;
    private final LoopbackS3 loopback;
    private final ConsoleProxy proxy;
    private final ConsoleApi api;
    private final ProgressEvents events;
    private final MetricsHistory history;
    private final long sampler;
    private final long sweeper;
    private HttpServer server;
    private ListenerTls tls;

    private ConsoleServer(Vertx vertx, Settings settings, GranaryMetrics metrics, ListenerTls tls) {
        Clock clock = Clock.systemUTC();
        this.vertx = vertx;
        this.sessions = new Sessions(clock, settings.idle(), settings.lifetime());
        this.loopback = new LoopbackS3(vertx, settings.s3Host(), settings.s3Port(), settings.region(), clock, tls);
        this.proxy = new ConsoleProxy(loopback);
        this.history = new MetricsHistory(metrics, clock, settings.sampleInterval());
        this.api = new ConsoleApi(loopback, sessions, history, clock, settings.region(), tls.enabled());
        this.events = new ProgressEvents(vertx, loopback, sessions);
        this.sampler = vertx.setPeriodic(settings.sampleInterval().toMillis(), id -> history.sample());
        this.sweeper = vertx.setPeriodic(60_000, id -> sessions.sweep());
    }

    /**
     * Starts the console on {@code address}, with the node's client TLS ({@code tls}: HTTPS, renewed with the
     * other listeners on SIGHUP, and Secure session cookies); blocks until it listens, so not on an event loop.
     */
    public static ConsoleServer start(Vertx vertx, ConsoleAddress address, Settings settings, GranaryMetrics metrics,
            ListenerTls tls) throws Exception {
        ConsoleServer console = new ConsoleServer(vertx, settings, metrics, tls);
        try {
            console.server = vertx.createHttpServer(tls.secure(listenerOptions(address)))
                    .requestHandler(console::handle);
            console.server.listen().toCompletionStage().toCompletableFuture().get();
            tls.track(console.server);
            console.tls = tls;
            return console;
        } catch (Exception e) {
            console.close();
            throw e;
        }
    }

    /** The one place the listener is configured (TLS is added by the node's {@link ListenerTls}). */
    private static HttpServerOptions listenerOptions(ConsoleAddress address) {
        return new HttpServerOptions().setHost(address.host()).setPort(address.port()).setIdleTimeout(120)
                .setMaxHeaderSize(16 * 1024);
    }

    public int port() {
        return server.actualPort();
    }

    private void handle(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        response.putHeader("Content-Security-Policy", CSP).putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer").putHeader("X-Frame-Options", "DENY");
        String path = request.path();
        HttpMethod method = request.method();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            String asset = path.equals("/") ? "index.html" : path.startsWith("/assets/") ? path.substring(8) : null;
            if (asset != null) {
                assets.serve(response, asset, method == HttpMethod.HEAD);
                return;
            }
        }
        if (path.equals("/api/login") && method == HttpMethod.POST) {
            if (crossSite(request)) {
                ConsoleResponses.error(response, 403, "AccessDenied", "Cross-site login refused");
            } else {
                api.login(request);
            }
            return;
        }
        Optional<ConsoleSession> session = sessions.use(cookie(request));
        if (session.isEmpty()) {
            ConsoleResponses.error(response, 401, "NotLoggedIn", "Log in to the console first");
        } else if (changesState(method) && !session.get().csrfToken().equals(request.getHeader(CSRF_HEADER))) {
            ConsoleResponses.error(response, 403, "InvalidCsrfToken", "The request lacks the session's CSRF token");
        } else {
            route(request, session.get());
        }
    }

    private void route(HttpServerRequest request, ConsoleSession session) {
        String path = request.path();
        String uri = request.uri();
        HttpMethod method = request.method();
        if (path.startsWith("/s3/")) {
            proxy.forward(request, session, uri.substring(3));
        } else if (path.startsWith("/admin/")) {
            proxy.forward(request, session, "/_admin/" + uri.substring(7));
        } else if (path.equals("/api/session") && method == HttpMethod.GET) {
            api.session(request, session);
        } else if (path.equals("/api/logout") && method == HttpMethod.POST) {
            api.logout(request, session);
        } else if (path.equals("/api/events") && method == HttpMethod.GET) {
            events.stream(request, session);
        } else if (path.equals("/api/metrics") && method == HttpMethod.GET) {
            api.metrics(request, session);
        } else if (path.equals("/api/presign") && method == HttpMethod.GET) {
            api.presign(request, session);
        } else if (path.equals("/api/policy/validate") && method == HttpMethod.POST) {
            api.validatePolicy(request);
        } else if (path.equals("/api/iam") && method == HttpMethod.POST) {
            api.iam(request, session);
        } else {
            ConsoleResponses.error(request.response(), 404, "NotFound", "No such console endpoint");
        }
    }

    private static boolean changesState(HttpMethod method) {
        return method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
    }

    /** A login posted from another site's page (its Origin names another host) is refused. */
    private static boolean crossSite(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) return false;
        String host = request.authority() == null ? "" : request.authority().toString();
        return !origin.equals("http://" + host) && !origin.equals("https://" + host);
    }

    private static String cookie(HttpServerRequest request) {
        Cookie cookie = request.getCookie(ConsoleApi.COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    /** Stops listening and sampling; open sessions are forgotten. */
    public Future<Void> close() {
        vertx.cancelTimer(sampler);
        vertx.cancelTimer(sweeper);
        if (tls != null) tls.untrack(server);
        Future<Void> listener = server == null ? Future.succeededFuture() : server.close();
        return listener.compose(v -> loopback.close());
    }
}
