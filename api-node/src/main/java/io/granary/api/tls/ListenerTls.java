package io.granary.api.tls;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Whether the client-facing listeners (S3 with its admin prefix, metrics, console) speak TLS, and with
 * which certificate. Each listener {@link #secure secures} its options before it is created and is
 * {@link #track tracked} once it listens, so {@link #reload} (on SIGHUP) swaps the certificate on all of
 * them at once: new handshakes get the new one, open connections are left as they are. Thread-safe.
 */
public final class ListenerTls {
    /** Plain HTTP: the embedded server's default on loopback. */
    public static final ListenerTls PLAIN = new ListenerTls(null);

    private final TlsFiles files;
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    /** The certificate chain the listeners serve now (null before the first listener or without TLS). */
    private volatile Buffer served;

    private ListenerTls(TlsFiles files) {
        this.files = files;
    }

    /** TLS with {@code files}, or {@link #PLAIN} when null. */
    public static ListenerTls of(TlsFiles files) {
        return files == null ? PLAIN : new ListenerTls(files);
    }

    public boolean enabled() {
        return files != null;
    }

    /** The URL scheme the listeners answer on. */
    public String scheme() {
        return enabled() ? "https" : "http";
    }

    /**
     * Turns TLS on in {@code options} when enabled, reading the PEM files now, so a bad file stops the start.
     * HTTP/1.1 only, as on the plain port: no ALPN offer of h2.
     */
    public HttpServerOptions secure(HttpServerOptions options) {
        if (!enabled()) return options;
        PemKeyCertOptions keyCert = files.keyCert();
        served = keyCert.getCertValue();
        return options.setSsl(true).setUseAlpn(false).setKeyCertOptions(keyCert);
    }

    /**
     * The certificate chain the listeners serve now, as read at start or by the last reload; a client of this
     * node's own listener (the console's relay) trusts exactly it. Null without TLS.
     */
    public Buffer servedChain() {
        return served;
    }

    /** Remembers a listening server for {@link #reload}; the plain setting remembers nothing. */
    public void track(HttpServer server) {
        if (enabled()) servers.add(server);
    }

    /** Forgets a server that closed. */
    public void untrack(HttpServer server) {
        servers.remove(server);
    }

    /**
     * Reads the PEM files again and gives every tracked listener the new certificate. Fails (and every
     * listener keeps its certificate) when a file is unreadable or not PEM; the future holds how many
     * listeners changed.
     */
    public Future<Integer> reload() {
        if (!enabled()) return Future.succeededFuture(0);
        PemKeyCertOptions keyCert;
        try {
            keyCert = files.keyCert();
        } catch (RuntimeException unreadable) {
            return Future.failedFuture(unreadable);
        }
        ServerSSLOptions options = new ServerSSLOptions().setKeyCertOptions(keyCert);
        List<Future<Boolean>> updates = new ArrayList<>();
        for (HttpServer server : servers) {
            updates.add(server.updateSSLOptions(options.copy(), true));
        }
        return Future.all(updates).map(all -> {
            served = keyCert.getCertValue();
            return updates.size();
        });
    }
}
