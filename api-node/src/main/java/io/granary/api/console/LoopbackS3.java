package io.granary.api.console;

import io.granary.api.cli.admin.RequestSigner;
import io.granary.api.tls.ListenerTls;
import io.granary.iam.sigv4.SigV4Signing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConfig;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Map;

/**
 * The console's way into the node: real S3, admin and IAM requests to this node's own S3 listener,
 * signed (SigV4) with the session's credentials, so they are authenticated and authorised exactly as
 * any client's. The console adds no permission of its own and bypasses none.
 */
final class LoopbackS3 {
    /** A small answer read whole: status, content type and body. */
    record Answer(int status, String contentType, Buffer body) {
    }

    private final HttpClientAgent client;
    private final ListenerTls tls;
    private volatile Buffer trusted;
    private final String host;
    private final int port;
    private final String region;
    private final Clock clock;

    /**
     * @param host the S3 listener's host; a wildcard address is reached on loopback
     * @param tls  the node's client TLS: when on, the relay speaks HTTPS to the S3 listener
     */
    LoopbackS3(Vertx vertx, String host, int port, String region, Clock clock, ListenerTls tls) {
        this.host = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        this.port = port;
        this.region = region;
        this.clock = clock;
        this.tls = tls;
        HttpClientOptions options = new HttpClientOptions().setKeepAlive(true).setIdleTimeout(60);
        this.client = vertx.httpClientBuilder().with(new HttpClientConfig(options).setSsl(tls.enabled())).build();
    }

    /**
     * Trusts exactly the certificate chain the S3 listener serves now (it changes on a SIGHUP reload): it is this
     * node's own listener, so no CA and no host name check, but no other certificate.
     */
    private Future<Void> trustCurrentCertificate() {
        Buffer chain = tls.servedChain();
        if (chain == null || chain == trusted) return Future.succeededFuture();
        ClientSSLOptions options = new ClientSSLOptions().setHostnameVerificationAlgorithm("")
                .setTrustOptions(new PemTrustOptions().addCertValue(chain));
        return client.updateSSLOptions(options, true).map(updated -> {
            trusted = chain;
            return null;
        });
    }

    int port() {
        return port;
    }

    /**
     * Opens a request for {@code uri} (raw path and query), signed for {@code service} with {@code payloadHash};
     * the caller sends the body.
     *
     * @throws IllegalArgumentException (in the future) when {@code uri} is not a valid request target
     */
    Future<HttpClientRequest> open(ConsoleSession session, String service, HttpMethod method, String uri,
            String payloadHash) {
        Map<String, String> signed;
        try {
            URI target = new URI("http://" + authority() + uri);
            signed = new RequestSigner(session.accessKeyId(), session.secretKey(), region)
                    .sign(service, method.name(), target, payloadHash, clock.instant());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Future.failedFuture(new IllegalArgumentException("not a valid request target: " + uri));
        }
        return trustCurrentCertificate().compose(v -> client.request(new RequestOptions().setMethod(method)
                        .setHost(host).setPort(port).setURI(uri)))
                .map(request -> {
                    signed.forEach(request::putHeader);
                    return request;
                });
    }

    /** Sends a request with its whole (small) body and reads the whole answer. */
    Future<Answer> call(ConsoleSession session, String service, HttpMethod method, String uri, Buffer body,
            String contentType) {
        String hash = SigV4Signing.sha256Hex(body.getBytes());
        return open(session, service, method, uri, hash)
                .compose(request -> {
                    if (contentType != null) request.putHeader("Content-Type", contentType);
                    return request.send(body);
                })
                .compose(response -> response.body().map(bytes -> new Answer(response.statusCode(),
                        response.getHeader("Content-Type"), bytes)));
    }

    /** {@link #call} without a body. */
    Future<Answer> call(ConsoleSession session, String service, HttpMethod method, String uri) {
        return call(session, service, method, uri, Buffer.buffer(), null);
    }

    String authority() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    Future<Void> close() {
        return client.close();
    }
}
